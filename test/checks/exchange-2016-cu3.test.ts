import { describe, expect, it } from 'vitest';
import check from '../../checks/exchange-2016-cu3.js';
import { createCheckTester } from '../support/check-tester.js';
import { EDGE, server, servers } from '../support/exchange-servers.js';

const { run } = createCheckTester(check);

const statuses = (result: ReturnType<typeof run>) =>
  result.findings.map((finding) => [finding.subject.name, finding.status, finding.messageId]);

describe('exchange-2016-cu3', () => {
  it('passes when every Exchange 2016 server is at CU3 or later, naming each build', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX16A', '15.1.544.27'), server('EX16B', '15.1.2507.66')) } });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('All 2 Exchange 2016 servers are at CU3 (15.1.544.27) or later.');
    expect(result.findings[1]?.message).toBe('EX16B runs 15.1.2507.66 (Exchange 2016 CU23 Feb26SU): Exchange 2016 CU3 or later.');
    expect(result.findings[0]?.evidence).toMatchObject({
      serialNumber: 'Version 15.1 (Build 30544.27)',
      versionNumber: 1942061600,
      buildSource: 'serialNumber',
    });
    expect(result.evidence).toMatchObject({ buildTableAsOf: '2026-08-11' });
  });

  it('fails a server below CU3 with its build, evidence and the CU to install', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX16A', '15.1.2507.6'), server('EX16OLD', '15.1.466.34')) } });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('1 server fails the CU3 requirement: EX16OLD.');
    const failure = result.findings.find((finding) => finding.status === 'fail');
    expect(failure?.message).toBe('EX16OLD runs 15.1.466.34 (Exchange 2016 CU2), below Exchange 2016 CU3 (15.1.544.27).');
    expect(failure?.remediation).toContain('Exchange 2016 CU23, 15.1.2507.6');
    expect(failure?.evidence).toMatchObject({ serialNumber: 'Version 15.1 (Build 30466.34)', product: 'Exchange 2016' });
    expect(result.remediation).not.toBeNull();
  });

  it('judges the SU build written into serialNumber since the January 2023 SU, with zero-padded revisions', () => {
    const result = run({
      artifacts: { ExchangeServers: servers(server('EX16A', '15.1.2507.6', { serialNumber: 'Version 15.1 (Build 32507.066)' })) },
    });
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.message).toContain('15.1.2507.66 (Exchange 2016 CU23 Feb26SU)');
  });

  it('counts Exchange 2019 and SE as later, and passes with a note when there is no Exchange 2016 server', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX19', '15.2.1748.10'), server('EXSE', '15.2.2562.17')) } });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('There is no Exchange 2016 server; the 2 Exchange 2019/SE servers count as CU3 or later.');
    expect(statuses(result)).toEqual([
      ['EX19', 'pass', 'server-newer-product'],
      ['EXSE', 'pass', 'server-newer-product'],
    ]);
    expect(result.findings[1]?.message).toContain('Exchange Server SE counts as Exchange 2016 CU3 or later');
  });

  it('lists Exchange 2013 and older servers as not applicable beside the 2016 ones', () => {
    const result = run({
      artifacts: { ExchangeServers: servers(server('EX13', '15.0.1497.48'), server('EX10', '14.3.513.0'), server('EX16', '15.1.2507.6')) },
    });
    expect(result.status).toBe('pass');
    expect(statuses(result)).toEqual([
      ['EX13', 'not-applicable', 'server-2013'],
      ['EX10', 'not-applicable', 'server-legacy'],
      ['EX16', 'pass', 'server-at-cu3'],
    ]);
  });

  it('fails when only Exchange 2013 (or older) servers exist: nothing can serve the REST API', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX13A', '15.0.1497.2'), server('EX13B', '15.0.1497.48')) } });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('No Exchange 2016, 2019 or SE server exists');
    expect(result.findings.at(-1)).toMatchObject({ subject: { kind: 'organization' }, status: 'fail', messageId: 'no-cu3-capable-server' });
    expect(result.findings.at(-1)?.remediation).toContain('Exchange Server SE');
  });

  it('is manual, saying what to run, when a build cannot be read', () => {
    const result = run({
      artifacts: {
        ExchangeServers: servers(server('EX16A', '15.1.2507.6'), server('EXQ', null, { serialNumber: 'garbage', versionNumber: null })),
      },
    });
    expect(result.status).toBe('manual');
    expect(result.summary).toBe('The build of 1 server could not be judged from AD alone: EXQ.');
    const manual = result.findings.find((finding) => finding.status === 'manual');
    expect(manual?.message).toBe('The build of EXQ could not be read from AD (serialNumber: garbage, versionNumber: not set).');
    expect(manual?.remediation).toContain('Get-ExchangeServer EXQ | Format-List Name,AdminDisplayVersion');
  });

  it('falls back to versionNumber (no revision) when serialNumber is missing', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX16A', '15.1.669.32', { serialNumber: null })) } });
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.message).toBe('EX16A runs 15.1.669 (Exchange 2016 CU4, revision unknown): Exchange 2016 CU3 or later.');
    expect(result.findings[0]?.evidence).toMatchObject({ buildSource: 'versionNumber' });
  });

  it('is manual for a version that is not an on-premises build', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('ODD', '15.20.485.0')) } });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.messageId).toBe('server-unrecognised');
    expect(result.findings[0]?.message).toContain('15.20.485.0 (Exchange Online)');
  });

  it('does not fail an Edge server on AD data that may be stale, and says how to verify it', () => {
    const result = run({
      artifacts: {
        ExchangeServers: servers(server('EDGE1', '15.1.466.34', { roles: EDGE }), server('EDGE2', '15.1.2507.6', { roles: EDGE })),
      },
    });
    expect(result.status).toBe('manual');
    expect(statuses(result)).toEqual([
      ['EDGE1', 'manual', 'edge-below-cu3'],
      ['EDGE2', 'pass', 'edge-at-cu3'],
    ]);
    expect(result.findings[0]?.remediation).toContain('New-EdgeSubscription');
  });

  it('warns when serialNumber and versionNumber name different CUs, keeping both as evidence', () => {
    const result = run({
      artifacts: { ExchangeServers: servers(server('EX16A', '15.1.2507.6', { versionNumber: 1942061522 /* 15.1.466 */ })) },
    });
    expect(result.status).toBe('warn');
    expect(result.summary).toBe(
      'Every Exchange 2016 server is at CU3 or later by serialNumber, but AD holds conflicting versions for EX16A.',
    );
    const warn = result.findings.find((finding) => finding.status === 'warn');
    expect(warn?.message).toContain('serialNumber says 15.1.2507.6 but versionNumber says 15.1.466');
    expect(warn?.evidence).toMatchObject({ versionNumberDecoded: '15.1.466', serialNumber: 'Version 15.1 (Build 32507.6)' });
    expect(warn?.remediation).toContain('ExSetup.exe');
  });

  it('is manual, not a pass, when AD holds no Exchange server at all', () => {
    const result = run({ artifacts: { ExchangeServers: servers() } });
    expect(result.status).toBe('manual');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.remediation).toContain('msExchExchangeServer');
  });

  it('ends as error when the artifact could not be collected', () => {
    const result = run({ artifacts: {}, artifactErrors: { ExchangeServers: { code: 'ldap-bind-refused', message: 'bind refused' } } });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('bind refused');
  });
});
