import { describe, expect, it } from 'vitest';
import check from '../../checks/exchange-support-lifecycle.js';
import { createCheckTester } from '../support/check-tester.js';
import { server, servers } from '../support/exchange-servers.js';

const { run } = createCheckTester(check);

const byServer = (result: ReturnType<typeof run>) =>
  Object.fromEntries(result.findings.map((finding) => [finding.subject.name, [finding.status, finding.messageId]]));

describe('exchange-support-lifecycle', () => {
  it('passes when every server runs Exchange Server SE', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EXSE1', '15.2.2562.53'), server('EXSE2', '15.2.2562.17')) } });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('All 2 Exchange servers are in support on 2026-11-27.');
    expect(result.findings[0]?.message).toContain('Modern Lifecycle Policy');
  });

  it('fails Exchange 2013, 2016 and 2019 after their end of support, with the dates (late 2026, ESU over)', () => {
    const result = run({
      now: '2026-11-27T12:00:00Z',
      artifacts: {
        ExchangeServers: servers(
          server('EX13', '15.0.1497.48'),
          server('EX16', '15.1.2507.75'),
          server('EX19', '15.2.1748.53'),
          server('EXSE', '15.2.2562.53'),
        ),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('3 of 4 Exchange servers are out of support on 2026-11-27: EX13, EX16, EX19.');
    expect(byServer(result)).toEqual({
      EX13: ['fail', 'server-out-of-support'],
      EX16: ['fail', 'server-out-of-support'],
      EX19: ['fail', 'server-out-of-support'],
      EXSE: ['pass', 'server-supported-modern'],
    });
    expect(result.findings[0]?.message).toBe(
      'EX13 runs 15.0.1497.48 (Exchange 2013 CU23 Mar23SU): Exchange 2013 support ended on 2023-04-11.',
    );
    expect(result.findings[1]?.remediation).toContain('Exchange Server SE');
    expect(result.findings[1]?.evidence).toMatchObject({ endOfSupport: '2025-10-14', lifecycle: 'fixed' });
  });

  it('mentions the ESU window (secondary-sourced) during 2026 only for 2016 CU23 and 2019 CU14/CU15', () => {
    const result = run({
      now: '2026-06-15T00:00:00Z',
      artifacts: {
        ExchangeServers: servers(server('EX16', '15.1.2507.69'), server('EX19A', '15.2.1544.41'), server('EX19OLD', '15.2.1258.39')),
      },
    });
    expect(byServer(result)).toEqual({
      EX16: ['fail', 'server-out-of-support-esu-window'],
      EX19A: ['fail', 'server-out-of-support-esu-window'],
      EX19OLD: ['fail', 'server-out-of-support-esu-ineligible'],
    });
    expect(result.findings[0]?.message).toContain('Paid Extended Security Updates for this CU run only until 2026-10');
    expect(result.findings[0]?.evidence).toMatchObject({ extendedSecurityUpdatesEligible: true, extendedSecurityUpdatesUntil: '2026-10' });
    expect(result.findings[2]?.message).toContain('cover only Exchange 2016 CU23 and Exchange 2019 CU14/CU15');
  });

  it('counts the last day of support as supported and the next day as not', () => {
    const onTheDay = run({ now: '2025-10-14T23:00:00Z', artifacts: { ExchangeServers: servers(server('EX19', '15.2.1748.39')) } });
    expect(onTheDay.status).toBe('warn');
    const dayAfter = run({ now: '2025-10-15T00:00:00Z', artifacts: { ExchangeServers: servers(server('EX19', '15.2.1748.39')) } });
    expect(dayAfter.status).toBe('fail');
  });

  it('warns within six months of the end of support and passes before that', () => {
    const soon = run({ now: '2025-05-01T00:00:00Z', artifacts: { ExchangeServers: servers(server('EX16', '15.1.2507.55')) } });
    expect(soon.status).toBe('warn');
    expect(soon.summary).toBe('1 Exchange server leaves support within six months of 2025-05-01: EX16.');
    expect(soon.findings[0]?.remediation).toBe('Plan the move of EX16 to Exchange Server SE before 2025-10-14.');
    const early = run({ now: '2025-04-14T00:00:00Z', artifacts: { ExchangeServers: servers(server('EX16', '15.1.2507.39')) } });
    expect(early.status).toBe('pass');
    expect(early.findings[0]?.message).toBe(
      'EX16 runs 15.1.2507.39 (Exchange 2016 CU23 Apr24HU): Exchange 2016 is supported until 2025-10-14.',
    );
  });

  it('fails Exchange 2010 and older', () => {
    const result = run({ artifacts: { ExchangeServers: servers(server('EX10', '14.3.513.0')) } });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('server-legacy');
  });

  it('is manual for unreadable or unrecognised builds, and when AD lists no server', () => {
    const result = run({
      artifacts: {
        ExchangeServers: servers(server('EXQ', null, { serialNumber: null, versionNumber: null }), server('ODD', '15.20.485.0')),
      },
    });
    expect(result.status).toBe('manual');
    expect(result.summary).toBe('The support status of 2 servers is unknown: EXQ, ODD.');
    expect(byServer(result)).toEqual({ EXQ: ['manual', 'server-version-unknown'], ODD: ['manual', 'server-version-unrecognised'] });
    expect(result.findings[0]?.remediation).toContain('Get-ExchangeServer EXQ');

    const empty = run({ artifacts: { ExchangeServers: servers() } });
    expect(empty.status).toBe('manual');
    expect(empty.findings[0]?.remediation).toContain('Get-ExchangeServer');
  });
});
