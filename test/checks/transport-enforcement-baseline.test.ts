import { describe, expect, it } from 'vitest';
import check from '../../checks/transport-enforcement-baseline.js';
import { createCheckTester } from '../support/check-tester.js';
import { EDGE, MAILBOX_2019, server, servers } from '../support/exchange-servers.js';
import { ALL_FEATURES, features, link } from './hybrid-cases.js';

const { run } = createCheckTester(check);
const at = (name: string, build: string | null, roles = MAILBOX_2019) => server(name, build, { roles });
const messages = (result: ReturnType<typeof run>) => result.findings.map((finding) => `${finding.subject.name}:${finding.messageId}`);

describe('transport-enforcement-baseline', () => {
  it('passes when every server is at or above the October 2025 SU of its CU line, or on a later line', () => {
    const result = run({
      artifacts: {
        ExchangeServers: servers(
          at('EX16', '15.1.2507.61'),
          at('EX19', '15.2.1544.36'),
          at('EX15', '15.2.1748.39'),
          at('SE1', '15.2.2562.37'),
        ),
      },
    });
    expect(result.status).toBe('pass');
    expect(result.findings.every((finding) => finding.messageId === 'server-meets')).toBe(true);
    expect(result.findings[2]?.message).toMatch(
      /^EX15 runs .*15\.2\.1748\.39.*, at or above the hybrid mail flow baseline 15\.2\.1748\.39 \(CU15 Oct25SU\)\.$/,
    );
    expect(result.summary).toBe('All 4 Exchange servers meet the hybrid mail flow baseline (as of 2026-09).');
    expect(result.evidence).toMatchObject({ baselineSecondarySourced: true });
  });

  it('warns for a 2019 server on the April 2025 hotfix update, and for one on an older CU line', () => {
    const result = run({
      artifacts: { ExchangeServers: servers(at('EX1', '15.2.1748.24'), at('EX2', '15.2.1258.39'), at('EX3', '15.2.1748.39')) },
    });
    expect(result.status).toBe('warn');
    expect(messages(result)).toEqual(['EX1:server-below', 'EX2:server-below', 'EX3:server-meets']);
    expect(result.findings[0]?.message).toContain('below the hybrid mail flow baseline 15.2.1748.39 (CU15 Oct25SU)');
    expect(result.findings[0]?.message).toContain('SMTP 450 4.7.230, then 550 5.7.230');
    expect(result.findings[1]?.message).toContain('is on no line that has one');
    expect(result.findings[0]?.remediation).toContain('New-TenantExemptionInfo -BlockingScenario UnpatchedOnPremServer');
    expect(result.summary).toBe('2 of 3 Exchange servers are below the hybrid mail flow baseline (as of 2026-09): EX1, EX2.');
  });

  it('fails an Exchange 2013 server: no build of it meets the baseline', () => {
    const result = run({ artifacts: { ExchangeServers: servers(at('EX2013', '15.0.1497.48'), at('EX1', '15.2.1748.39')) } });
    expect(result.status).toBe('fail');
    expect(messages(result)).toContain('EX2013:server-unenforceable-product');
    expect(result.findings[0]?.remediation).toContain('Replace EX2013 with an Exchange SE server');
    expect(result.summary).toBe('1 Exchange server runs a product Exchange Online no longer accepts mail from: EX2013.');
  });

  it('judges Edge servers too, naming their hybrid role and that AD may hold a stale build', () => {
    const edge = at('EDGE1', '15.2.1544.25', EDGE);
    const hub = at('EX1', '15.2.1748.39');
    const hybrid = features(ALL_FEATURES, [hub]);
    hybrid.configuration!.edgeTransportServers = [link(edge)];
    const result = run({ artifacts: { ExchangeServers: servers(hub, edge), HybridFeatures: hybrid } });
    expect(result.status).toBe('warn');
    const [hubFinding, edgeFinding] = result.findings;
    expect(hubFinding?.message).toContain('EX1 (sending transport server of the hybrid configuration) runs');
    expect(edgeFinding?.message).toContain('EDGE1 (Edge transport server of the hybrid configuration) runs');
    expect(edgeFinding?.message).toContain('AD records an Edge server’s build at Edge Subscription time');

    const plain = run({ artifacts: { ExchangeServers: servers(edge) } });
    expect(plain.findings[0]?.message).toMatch(/^EDGE1 \(Edge\) runs/);
  });

  it('is manual when the revision or the whole build is unknown', () => {
    const noRevision = server('EX1', '15.2.1748.39', { roles: MAILBOX_2019, serialNumber: null });
    const result = run({ artifacts: { ExchangeServers: servers(noRevision, at('EX2', null)) } });
    expect(result.status).toBe('manual');
    expect(messages(result)).toEqual(['EX1:server-revision-unknown', 'EX2:server-build-unknown']);
    expect(result.findings[0]?.remediation).toContain('ExSetup.exe');
    expect(result.summary).toBe('Whether 2 servers meet the hybrid mail flow baseline is unknown: EX1, EX2.');
  });

  it('is manual when AD holds no Exchange server', () => {
    const result = run({ artifacts: { ExchangeServers: servers() } });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.messageId).toBe('no-servers');
  });
});
