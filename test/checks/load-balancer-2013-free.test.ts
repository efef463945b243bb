import { describe, expect, it } from 'vitest';
import check from '../../checks/load-balancer-2013-free.js';
import type { DeclaredPools, VirtualDirectories } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { server, servers } from '../support/exchange-servers.js';
import { sample, samplesOf, times } from '../support/front-end-samples.js';

const { run } = createCheckTester(check);

const modern = (fe: string) =>
  sample({
    feServer: fe,
    calculatedBeTarget: `${fe.toLowerCase()}.contoso.com`,
    owaVersion: '15.1.2507.66',
    serverApplication: 'Exchange/15.01.2507.066',
    apiStatus: 401,
  });

const mixedFleet = servers(server('EX16A', '15.1.2507.66'), server('EX16B', '15.1.2507.66'), server('EX13', '15.0.1497.48'));
const modernFleet = servers(server('EX16A', '15.1.2507.66'), server('EX16B', '15.1.2507.66'), server('EXSE', '15.2.2562.53'));

function vdirs(entries: [server: string, externalUrl: string | null, internalUrl?: string | null][]): VirtualDirectories {
  return {
    directories: entries.map(([name, externalUrl, internalUrl]) => ({
      server: name,
      kind: 'owa',
      name: 'owa (Default Web Site)',
      internalUrl: internalUrl ?? null,
      externalUrl,
    })),
  };
}

const pools = (...list: [name: string, members: string[]][]): DeclaredPools => ({
  pools: list.map(([name, members]) => ({ name, namespace: 'mail.contoso.com', members })),
});

const ids = (result: ReturnType<typeof run>) => result.findings.map((finding) => [finding.subject.name, finding.status, finding.messageId]);

describe('load-balancer-2013-free: front-end samples', () => {
  it('passes when every sample comes from a 2016+ front end and AD lists no Exchange 2013 server', () => {
    const result = run({
      artifacts: {
        ExchangeServers: modernFleet,
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [...times(5, () => modern('EX16A')), ...times(5, () => modern('EX16B'))],
        ]),
      },
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('No Exchange 2013 server was found answering behind a namespace served by Exchange 2016 or later.');
    expect(ids(result)).toEqual([
      ['mail.contoso.com (203.0.113.10)', 'pass', 'target-clean'],
      ['Exchange organization', 'pass', 'no-2013-servers'],
    ]);
    expect(result.findings[0]?.message).toBe(
      'mail.contoso.com (203.0.113.10): all 10 answered samples came from Exchange 2016 or later (EX16A ×5, EX16B ×5).',
    );
  });

  it('fails when X-FEServer names a server AD knows as Exchange 2013, saying how often it answered', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [...times(7, () => modern('EX16A')), ...times(3, () => sample({ feServer: 'EX13', owaVersion: '15.0.1497.48', apiStatus: 404 }))],
        ]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('Exchange 2013 is in the load-balanced path of mail.contoso.com (203.0.113.10).');
    const finding = result.findings[0];
    expect(finding?.message).toBe(
      'mail.contoso.com (203.0.113.10): Exchange 2013 answered 3 of 10 sampled requests (front end: EX13 ×3; seen: ' +
        'X-FEServer: EX13 (Exchange 2013 in AD); X-OWA-Version: 15.0.1497.48 (Exchange 2013 build 15.0.1497.48)).',
    );
    expect(finding?.remediation).toContain(
      'Remove the Exchange 2013 servers from the load-balancer pool behind mail.contoso.com (203.0.113.10)',
    );
    expect(finding?.evidence).toMatchObject({ samples: 10, answered: 10, frontEnds: 'EX16A ×7, EX13 ×3' });
  });

  it('fails on a 15.0 X-OWA-Version even without AD data', () => {
    const result = run({
      artifacts: {
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [sample({ feServer: 'SRV9', owaVersion: '15.0.1497.2', apiStatus: 404 }), sample({ apiStatus: 401 })],
        ]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('target-2013-answers');
  });

  it('treats a lone 15.0 X-ServerApplication (what grommunio sends) as weak, but not when other Exchange headers come with it', () => {
    const weak = run({
      artifacts: {
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          times(4, () => sample({ serverApplication: 'Exchange/15.00.0847.4040', apiStatus: 404 })),
        ]),
      },
    });
    expect(weak.status).toBe('warn');
    expect(weak.findings[0]?.messageId).toBe('target-weak-2013-signal');
    expect(weak.findings[0]?.message).toContain('grommunio sends Exchange/15.00.0847.4040');
    expect(weak.findings[0]?.remediation).toContain('X-ServerApplication: Exchange/15.00.0847.4040');

    const corroborated = run({
      artifacts: {
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [sample({ feServer: 'SRV9', serverApplication: 'Exchange/15.00.1497.048', apiStatus: 404 })],
        ]),
      },
    });
    expect(corroborated.status).toBe('fail');
  });

  it('fails when /api answers 404 from some front ends and 401 from others', () => {
    const result = run({
      artifacts: {
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [
            ...times(6, () => sample({ feServer: 'SRVA', apiStatus: 401 })),
            ...times(4, () => sample({ feServer: 'SRVB', apiStatus: 404 })),
          ],
        ]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('target-api-missing-on-some');
    expect(result.findings[0]?.message).toContain('/api answered 404 in 4 and 401 in 6 of 10 samples (404 from front end: SRVB ×4)');
  });

  it('fails when the addresses behind one name disagree on /api (DNS round robin)', () => {
    const result = run({
      artifacts: {
        FrontEndSamples: samplesOf(
          ['mail.contoso.com', '203.0.113.10', times(3, () => sample({ apiStatus: 401 }))],
          ['mail.contoso.com', '203.0.113.11', times(3, () => sample({ apiStatus: 404 }))],
        ),
      },
    });
    expect(result.status).toBe('fail');
    expect(ids(result)).toEqual([
      ['mail.contoso.com (203.0.113.10)', 'pass', 'target-clean'],
      ['mail.contoso.com (203.0.113.11)', 'manual', 'target-unidentified'],
      ['mail.contoso.com', 'fail', 'name-api-missing-on-some-addresses'],
    ]);
    expect(result.findings[2]?.message).toContain('/api answers only 404 at 203.0.113.11 but 401 at 203.0.113.10');
  });

  it('warns when a 2016+ front end proxied to an Exchange 2013 back end', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [sample({ feServer: 'EX16A', calculatedBeTarget: 'ex13.contoso.com', apiStatus: 401 })],
        ]),
      },
    });
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.messageId).toBe('target-2013-back-end');
    expect(result.findings[0]?.message).toContain('back end ex13.contoso.com (Exchange 2013 in AD)');
  });

  it('is manual when samples answered but nothing identifies the front end, or when none answered', () => {
    const result = run({
      artifacts: {
        FrontEndSamples: samplesOf(
          ['mail.contoso.com', '203.0.113.10', times(2, () => sample({ apiStatus: 403 }))],
          [
            'legacy.contoso.com',
            '203.0.113.20',
            times(2, () => sample({ owaStatus: null, error: { code: 'ECONNREFUSED', message: 'connect refused' } })),
          ],
        ),
      },
    });
    expect(result.status).toBe('manual');
    expect(ids(result).map(([, , id]) => id)).toEqual(['target-unidentified', 'target-no-answer']);
    expect(result.findings[1]?.message).toBe(
      'legacy.contoso.com (203.0.113.20): none of the 2 sampled requests got an answer (ECONNREFUSED: connect refused).',
    );
    expect(result.summary).toContain('could not be established for mail.contoso.com (203.0.113.10), legacy.contoso.com (203.0.113.20)');
  });

  it('notes load-balancer affinity when a single front end answered every sample', () => {
    const result = run({
      artifacts: {
        FrontEndSamples: samplesOf(['mail.contoso.com', '203.0.113.10', times(4, () => sample({ feServer: 'SRVA', apiStatus: 401 }))]),
      },
    });
    expect(result.status).toBe('pass');
    expect(String(result.findings[0]?.evidence['note'])).toContain('affinity');
  });
});

describe('load-balancer-2013-free: virtual directories and declared pools', () => {
  it('warns (not fails) when a host is in the vdir URLs of both Exchange 2013 and 2016+', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        VirtualDirectories: vdirs([
          ['EX16A', 'https://mail.contoso.com/owa'],
          ['EX13', 'https://mail.contoso.com/owa'],
          ['EX16B', 'https://Mail.Contoso.com/owa', 'https://ex16b.contoso.com/owa'],
        ]),
      },
    });
    expect(result.status).toBe('warn');
    expect(ids(result)).toEqual([['mail.contoso.com', 'warn', 'host-shared-with-2013']]);
    expect(result.findings[0]?.message).toContain('Exchange 2013 (EX13) and of Exchange 2016 or later (EX16A, EX16B)');
    expect(result.findings[0]?.remediation).toContain('Check the load-balancer pool behind mail.contoso.com');
    expect(result.evidence).toMatchObject({ exchange2013Servers: ['EX13'] });
  });

  it('passes the shared host when sampling it found only Exchange 2016 or later', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        VirtualDirectories: vdirs([
          ['EX16A', 'https://mail.contoso.com/owa'],
          ['EX13', 'https://mail.contoso.com/owa'],
        ]),
        FrontEndSamples: samplesOf(['mail.contoso.com', '203.0.113.10', times(6, () => modern('EX16A'))]),
      },
    });
    expect(result.status).toBe('pass');
    expect(ids(result)).toEqual([
      ['mail.contoso.com (203.0.113.10)', 'pass', 'target-clean'],
      ['mail.contoso.com', 'pass', 'host-shared-sampled-clean'],
    ]);
  });

  it('only warns when Exchange 2013 vdirs name other hosts than 2016+ ones, with nothing sampled or declared', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        VirtualDirectories: vdirs([
          ['EX16A', 'https://mail.contoso.com/owa'],
          ['EX13', 'https://legacy.contoso.com/owa'],
        ]),
      },
    });
    expect(result.status).toBe('warn');
    expect(ids(result)).toEqual([['Exchange organization', 'warn', 'exchange-2013-unsampled']]);
    expect(result.findings[0]?.message).toBe(
      'AD lists Exchange 2013 server EX13, and no answered front-end sample or declared pool shows whether it is in the load-balanced array.',
    );
  });

  it('is manual when AD lists Exchange 2013 servers and no sample answered', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        FrontEndSamples: samplesOf([
          'mail.contoso.com',
          '203.0.113.10',
          [sample({ owaStatus: null, error: { code: 'ETIMEDOUT', message: 'timed out' } })],
        ]),
      },
    });
    expect(result.status).toBe('manual');
    expect(ids(result).map(([, status, id]) => [status, id])).toEqual([
      ['manual', 'target-no-answer'],
      ['manual', 'exchange-2013-unsampled'],
    ]);
  });

  it('judges declared pools by the AD version of their members', () => {
    const result = run({
      artifacts: {
        ExchangeServers: mixedFleet,
        DeclaredPools: pools(
          ['mixed', ['EX16A', 'ex13.contoso.com']],
          ['with-unknown', ['EX13', '192.0.2.7']],
          ['old', ['EX13']],
          ['new', ['EX16A', 'ex16b.contoso.com']],
          ['unknown', ['192.0.2.8']],
        ),
      },
    });
    expect(result.status).toBe('fail');
    expect(ids(result)).toEqual([
      ['pool mixed', 'fail', 'pool-mixed'],
      ['pool with-unknown', 'manual', 'pool-2013-with-unknown'],
      ['pool old', 'not-applicable', 'pool-2013-only'],
      ['pool new', 'pass', 'pool-clean'],
      ['pool unknown', 'manual', 'pool-unclassified'],
    ]);
    expect(result.findings[0]?.message).toBe(
      'Declared pool mixed lists Exchange 2013 server ex13.contoso.com together with Exchange 2016+ server EX16A.',
    );
    expect(result.findings[4]?.remediation).toContain('Name the members of pool unknown as they appear in AD');
  });

  it('is not applicable when the only pool holds only Exchange 2013', () => {
    const result = run({ artifacts: { ExchangeServers: mixedFleet, DeclaredPools: pools(['old', ['EX13']]) } });
    expect(result.status).toBe('not-applicable');
    expect(result.summary).toBe('No namespace or pool is shared between Exchange 2013 and Exchange 2016 or later.');
  });

  it('cannot judge pools or virtual directories without the Exchange servers', () => {
    const result = run({
      artifacts: { DeclaredPools: pools(['new', ['EX16A']]), VirtualDirectories: vdirs([['EX16A', 'https://mail.contoso.com/owa']]) },
    });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.messageId).toBe('pool-unclassified');
    expect(result.evidence['virtualDirectories']).toContain('ExchangeServers was not collected');
  });

  it('is manual, never a pass, when nothing collected shows who answers', () => {
    const result = run({ artifacts: { FrontEndSamples: { targets: [] } } });
    expect(result.status).toBe('manual');
    expect(ids(result)).toEqual([['load balancer', 'manual', 'no-evidence']]);
  });

  it('ends as error when none of its evidence artifacts was collected', () => {
    const result = run({ artifacts: { ExchangeServers: modernFleet } });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('needs at least one of FrontEndSamples, VirtualDirectories, DeclaredPools');
  });
});
