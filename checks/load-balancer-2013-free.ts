// R5: no Exchange 2013 server answers behind a namespace that Exchange 2016+ serves. Pool membership is not in AD
// (docs/facts/http.md §1), so the evidence is repeated front-end sampling per address, virtual-directory host names in AD,
// and pools the admin declares. How each sample is read: checks/lib/front-end-samples.ts.

import type { DeclaredPools, FrontEndSamples, VirtualDirectories } from '../src/inventory/artifacts.js';
import { defineCheck, type Evidence, type FindingInput, worstStatus } from './api.js';
import { frontEndTally, generationOf, readSample, type SampleReading } from './lib/front-end-samples.js';
import { graphHybridRestDoc, restArchitectureBlog } from './lib/requirement-sources.js';
import { readServerBuildSource, ServerDirectory } from './lib/server-build.js';
import { listSubjects } from './lib/subject-list.js';

type MessageId =
  | 'target-2013-answers'
  | 'target-api-missing-on-some'
  | 'name-api-missing-on-some-addresses'
  | 'target-2013-back-end'
  | 'target-weak-2013-signal'
  | 'target-clean'
  | 'target-unidentified'
  | 'target-no-answer'
  | 'host-shared-with-2013'
  | 'host-shared-sampled-clean'
  | 'pool-mixed'
  | 'pool-2013-with-unknown'
  | 'pool-2013-only'
  | 'pool-clean'
  | 'pool-unclassified'
  | 'no-2013-servers'
  | 'exchange-2013-unsampled'
  | 'no-evidence'
  | 'fix-remove-2013-from-pool'
  | 'fix-verify-pool'
  | 'fix-check-weak-signal'
  | 'fix-sample-again'
  | 'fix-name-pool-members'
  | 'summary-fail'
  | 'summary-warn'
  | 'summary-manual'
  | 'summary-pass'
  | 'summary-not-applicable';

type Finding = FindingInput<MessageId>;

export default defineCheck({
  id: 'load-balancer-2013-free',
  title: 'No Exchange 2013 server in the load-balanced array of Exchange 2016+',
  description:
    'Reads repeated HTTPS samples of each namespace address (X-FEServer, build headers, /api status), the host names of ' +
    'virtual directory URLs in AD, and declared load-balancer pools, and looks for an Exchange 2013 server answering where ' +
    'Exchange 2016 or later serves the namespace.',
  requirement: {
    id: 'R5',
    text:
      'Exchange 2013 provides no REST API integration, so any Exchange 2013 server must be removed from a load-balanced ' +
      'array it shares with Exchange 2016 (or later) servers.',
    sources: [graphHybridRestDoc, restArchitectureBlog],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: [],
  optionalArtifacts: ['FrontEndSamples', 'VirtualDirectories', 'ExchangeServers', 'DeclaredPools'],
  requiresAnyOf: ['FrontEndSamples', 'VirtualDirectories', 'DeclaredPools'],
  messages: {
    'target-2013-answers':
      '{{target}}: Exchange 2013 answered {{hits}} of {{answered}} sampled {{answered|request|requests}} (front {{frontEndCount|end|ends}}: ' +
      '{{frontEnds}}; seen: {{signals}}).',
    'target-api-missing-on-some':
      '{{target}}: /api answered 404 in {{notFound}} and 401 in {{unauthorized}} of {{answered}} {{answered|sample|samples}} (404 from front {{frontEndCount|end|ends}}: ' +
      '{{frontEnds}}): some pool members have no REST virtual directory, as Exchange 2013 servers (or a 2016+ server missing its API vdir) do not.',
    'name-api-missing-on-some-addresses':
      '{{name}}: /api answers only 404 at {{notFoundAddresses}} but 401 at {{unauthorizedAddresses}}: the addresses behind this ' +
      'name are not all Exchange 2016 or later with the REST virtual directory.',
    'target-2013-back-end':
      '{{target}}: Exchange 2016+ front {{frontEndCount|end|ends}} {{frontEnds}} passed {{hits}} sampled {{hits|request|requests}} to ' +
      'Exchange 2013 ({{signals}}). ' +
      'Proxying down to Exchange 2013 is normal in coexistence, but it is unusual for anonymous requests.',
    'target-weak-2013-signal':
      '{{target}}: {{hits}} of {{answered}} {{answered|sample|samples}} carried only {{signals}}, with no other Exchange header. That is Exchange ' +
      '2013’s build, but non-Microsoft servers imitate it (grommunio sends Exchange/15.00.0847.4040).',
    'target-clean':
      '{{target}}: {{answered|the|all}} {{answered}} answered {{answered|sample|samples}} came from Exchange 2016 or later ({{frontEnds}}).',
    'target-unidentified':
      '{{target}}: {{unidentified}} of {{answered}} answered {{answered|sample|samples}} did not show which Exchange version served them (no ' +
      'X-FEServer naming a known server, no /api 401), though none showed Exchange 2013.',
    'target-no-answer':
      '{{target}}: {{total|the|none of the}} {{total}} sampled {{total|request got no|requests got an}} answer ({{errors}}).',
    'host-shared-with-2013':
      '{{host}} is in virtual directory URLs of Exchange 2013 ({{servers2013}}) and of Exchange 2016 or later ({{serversModern}}). ' +
      'That is normal in coexistence (2016+ proxies down to 2013), but verify that the load-balancer pool for {{host}} excludes the Exchange 2013 servers.',
    'host-shared-sampled-clean':
      '{{host}} is also in virtual directory URLs of Exchange 2013 ({{servers2013}}), which is normal in coexistence; the ' +
      'sampled answers for it came only from Exchange 2016 or later.',
    'pool-mixed':
      'Declared pool {{pool}} lists Exchange 2013 {{count2013|server|servers}} {{servers2013}} together with Exchange 2016+ ' +
      '{{countModern|server|servers}} {{serversModern}}.',
    'pool-2013-with-unknown':
      'Declared pool {{pool}} lists Exchange 2013 {{count2013|server|servers}} {{servers2013}} with {{countUnknown|member|members}} ' +
      '{{unknown}} that could not be matched to Exchange servers in AD.',
    'pool-2013-only':
      'Declared pool {{pool}} holds only Exchange 2013 {{count2013|server|servers}} ({{servers2013}}); no Exchange 2016+ server shares it.',
    'pool-clean': 'Declared pool {{pool}} has only Exchange 2016 or later members ({{serversModern}}).',
    'pool-unclassified':
      'Declared pool {{pool}}: {{countUnknown|member|members}} {{unknown}} could not be matched to Exchange servers read from AD, so the pool cannot be judged.',
    'no-2013-servers': 'AD lists {{count}} Exchange {{count|server, which is not|servers and none of them is}} Exchange 2013.',
    'exchange-2013-unsampled':
      'AD lists Exchange 2013 {{count|server|servers}} {{servers}}, and no answered front-end sample or declared pool shows whether ' +
      '{{count|it is|they are}} in the load-balanced array.',
    'no-evidence':
      'Nothing collected shows which servers answer behind the namespaces: no answered front-end samples, no declared pools, and ' +
      'no virtual directory host names that could be matched to server versions.',
    'fix-remove-2013-from-pool':
      'Remove the Exchange 2013 servers from the load-balancer pool behind {{subject}}, so only Exchange 2016 CU3+, 2019 or SE ' +
      'servers answer there; they proxy requests for mailboxes still on Exchange 2013 down to it.',
    'fix-verify-pool':
      'Check the load-balancer pool behind {{subject}}: its members must be only Exchange 2016 CU3+, 2019 or SE servers. Declaring ' +
      'the pool members in the configuration file lets this tool check them.',
    'fix-check-weak-signal':
      'Find out which pool member behind {{subject}} sends {{signals}}: compare the pool members on the load balancer with the ' +
      'Exchange servers in AD (Get-ExchangeServer | Format-List Name,AdminDisplayVersion).',
    'fix-sample-again':
      'Run the assessment again from where the requests reach {{subject}} (and through any reverse proxy that keeps X-FEServer), ' +
      'or check the load-balancer pool members by hand.',
    'fix-name-pool-members':
      'Name the members of pool {{pool}} as they appear in AD (server name or FQDN), and collect ExchangeServers so they can be matched.',
    'summary-fail': 'Exchange 2013 is in the load-balanced path of {{subjects}}.',
    'summary-warn': 'No Exchange 2013 server was proven to answer, but {{subjects}} need a look.',
    'summary-manual': 'Whether Exchange 2013 answers behind the namespaces could not be established for {{subjects}}.',
    'summary-pass': 'No Exchange 2013 server was found answering behind a namespace served by Exchange 2016 or later.',
    'summary-not-applicable': 'No namespace or pool is shared between Exchange 2013 and Exchange 2016 or later.',
  },
  remediation: {
    summary:
      'Take every Exchange 2013 server out of the load-balancer pools that serve Exchange 2016+ namespaces; point the ' +
      'namespaces at Exchange 2016 CU3+, 2019 or SE servers only, which proxy to Exchange 2013 where needed.',
    links: [
      {
        title: 'Load balancing in Exchange Server',
        url: 'https://learn.microsoft.com/en-us/exchange/architecture/client-access/load-balancing',
      },
      restArchitectureBlog,
    ],
  },

  run({ artifacts }) {
    const directory = artifacts.ExchangeServers ? new ServerDirectory(artifacts.ExchangeServers.servers) : null;
    const findings: Finding[] = [];
    const evidence: Record<string, Evidence[keyof Evidence]> = {};

    const sampled = artifacts.FrontEndSamples ? judgeSamples(artifacts.FrontEndSamples, directory) : null;
    if (sampled) findings.push(...sampled.findings);
    const sharedHosts =
      artifacts.VirtualDirectories && directory
        ? judgeVirtualDirectories(artifacts.VirtualDirectories, directory, sampled?.statusByName ?? new Map())
        : [];
    findings.push(...sharedHosts);
    if (artifacts.VirtualDirectories) {
      if (!directory)
        evidence['virtualDirectories'] =
          'not judged: ExchangeServers was not collected, so the servers behind the URLs have no known version';
    }
    if (artifacts.DeclaredPools) findings.push(...judgePools(artifacts.DeclaredPools, directory));

    if (artifacts.ExchangeServers && directory) {
      const servers = artifacts.ExchangeServers.servers;
      const exchange2013 = servers
        .filter((server) => generationOf(server.name, directory) === 'exchange-2013')
        .map((server) => server.name);
      const unreadable = servers.filter((server) => readServerBuildSource(server).build === null).map((server) => server.name);
      evidence['exchange2013Servers'] = exchange2013;
      evidence['serversWithUnreadableBuild'] = unreadable;
      const organization = { kind: 'organization', name: 'Exchange organization' } as const;
      if (servers.length > 0 && exchange2013.length === 0 && unreadable.length === 0) {
        findings.push({ subject: organization, status: 'pass', messageId: 'no-2013-servers', data: { count: servers.length } });
      } else if (
        exchange2013.length > 0 &&
        !(sampled?.anyAnswered ?? false) &&
        !artifacts.DeclaredPools?.pools.length &&
        sharedHosts.length === 0
      ) {
        // Virtual directory URLs of Exchange 2013 that name no 2016+ host are a hint, not proof, that 2013 sits elsewhere.
        findings.push({
          subject: organization,
          status: artifacts.VirtualDirectories ? 'warn' : 'manual',
          messageId: 'exchange-2013-unsampled',
          remediationId: 'fix-verify-pool',
          data: { count: exchange2013.length, servers: exchange2013.join(', '), subject: 'each client namespace' },
          evidence: { exchange2013Servers: exchange2013, virtualDirectoriesShareNoHost: artifacts.VirtualDirectories !== undefined },
        });
      }
    }

    if (findings.length === 0) {
      findings.push({
        subject: { kind: 'configuration', name: 'load balancer' },
        status: 'manual',
        messageId: 'no-evidence',
        remediationId: 'fix-verify-pool',
        data: { subject: 'each client namespace' },
      });
      return { summary: { messageId: 'no-evidence' }, findings, evidence };
    }
    return { summary: summarize(findings), findings, evidence };
  },
});

function summarize(findings: readonly Finding[]): { messageId: MessageId; data?: Record<string, string> } {
  const subjects = (status: Finding['status']) =>
    listSubjects([...new Set(findings.filter((f) => f.status === status).map((f) => f.subject.name))]);
  for (const [status, messageId] of [
    ['fail', 'summary-fail'],
    ['manual', 'summary-manual'],
    ['warn', 'summary-warn'],
  ] as const) {
    if (findings.some((finding) => finding.status === status)) return { messageId, data: { subjects: subjects(status) } };
  }
  return findings.some((finding) => finding.status === 'pass') ? { messageId: 'summary-pass' } : { messageId: 'summary-not-applicable' };
}

// ───────────── (a) front-end samples ─────────────

interface SampledTargets {
  findings: Finding[];
  /** Worst status per sampled host name, for the virtual-directory judgement. */
  statusByName: Map<string, Finding['status']>;
  anyAnswered: boolean;
}

function judgeSamples(samples: FrontEndSamples, directory: ServerDirectory | null): SampledTargets {
  const findings: Finding[] = [];
  const statusByName = new Map<string, Finding['status']>();
  const apiByName = new Map<string, { notFound: string[]; unauthorized: string[] }>();
  let anyAnswered = false;

  for (const target of samples.targets) {
    const label = `${target.name} (${target.address})`;
    const subject = { kind: 'address', name: label } as const;
    const readings = target.samples.map((sample) => readSample(sample, directory));
    const answered = readings.filter((reading) => reading.verdict !== 'no-answer');
    anyAnswered ||= answered.length > 0;
    const count = (verdict: SampleReading['verdict']) => answered.filter((reading) => reading.verdict === verdict);
    const notFound = answered.filter((reading) => reading.apiStatus === 404);
    const unauthorized = answered.filter((reading) => reading.apiStatus === 401);
    const evidence: Evidence = {
      name: target.name,
      address: target.address,
      samples: readings.length,
      answered: answered.length,
      frontEnds: frontEndTally(answered),
      apiStatuses: answered.map((reading) => reading.apiStatus),
      verdicts: readings.map((reading) => reading.verdict),
      errors: [...new Set(readings.flatMap((reading) => (reading.error ? [reading.error] : [])))],
      ...(new Set(answered.map((reading) => reading.frontEnd)).size === 1 && answered.length > 1
        ? { note: 'a single front end answered every sample: load-balancer affinity may hide other pool members' }
        : {}),
    };
    const base = { target: label, subject: label, answered: answered.length, total: readings.length };
    const signalsOf = (list: SampleReading[]) => [...new Set(list.flatMap((reading) => reading.signals))].slice(0, 6).join('; ');

    const api = apiByName.get(target.name) ?? { notFound: [], unauthorized: [] };
    if (unauthorized.length > 0) api.unauthorized.push(target.address);
    else if (notFound.length > 0) api.notFound.push(target.address);
    apiByName.set(target.name, api);

    let finding: Finding;
    const strong = count('exchange-2013');
    if (answered.length === 0) {
      finding = {
        subject,
        status: 'manual',
        messageId: 'target-no-answer',
        remediationId: 'fix-sample-again',
        data: { ...base, errors: (evidence['errors'] as string[]).join('; ') || 'no sample was taken' },
        evidence,
      };
    } else if (strong.length > 0) {
      finding = {
        subject,
        status: 'fail',
        messageId: 'target-2013-answers',
        remediationId: 'fix-remove-2013-from-pool',
        data: { ...base, hits: strong.length, ...frontEndsOf(strong), signals: signalsOf(strong) },
        evidence,
      };
    } else if (notFound.length > 0 && unauthorized.length > 0) {
      finding = {
        subject,
        status: 'fail',
        messageId: 'target-api-missing-on-some',
        remediationId: 'fix-remove-2013-from-pool',
        data: { ...base, notFound: notFound.length, unauthorized: unauthorized.length, ...frontEndsOf(notFound) },
        evidence,
      };
    } else if (count('back-end-2013').length > 0) {
      const hits = count('back-end-2013');
      finding = {
        subject,
        status: 'warn',
        messageId: 'target-2013-back-end',
        remediationId: 'fix-verify-pool',
        data: { ...base, hits: hits.length, ...frontEndsOf(hits), signals: signalsOf(hits) },
        evidence,
      };
    } else if (count('weak-2013').length > 0) {
      const hits = count('weak-2013');
      finding = {
        subject,
        status: 'warn',
        messageId: 'target-weak-2013-signal',
        remediationId: 'fix-check-weak-signal',
        data: { ...base, hits: hits.length, signals: signalsOf(hits) },
        evidence,
      };
    } else if (count('exchange-2016-or-later').length === answered.length) {
      finding = { subject, status: 'pass', messageId: 'target-clean', data: { ...base, frontEnds: frontEndTally(answered) }, evidence };
    } else {
      finding = {
        subject,
        status: 'manual',
        messageId: 'target-unidentified',
        remediationId: 'fix-verify-pool',
        data: { ...base, unidentified: count('unidentified').length },
        evidence,
      };
    }
    findings.push(finding);
    statusByName.set(target.name.toLowerCase(), worse(statusByName.get(target.name.toLowerCase()), finding.status));
  }

  // DNS round robin across addresses is a load-balanced array too: compare /api between the addresses of one name.
  for (const [name, api] of apiByName) {
    if (api.notFound.length === 0 || api.unauthorized.length === 0) continue;
    findings.push({
      subject: { kind: 'namespace', name },
      status: 'fail',
      messageId: 'name-api-missing-on-some-addresses',
      remediationId: 'fix-remove-2013-from-pool',
      data: { name, subject: name, notFoundAddresses: api.notFound.join(', '), unauthorizedAddresses: api.unauthorized.join(', ') },
      evidence: { name, addressesAnswering404Only: api.notFound, addressesAnswering401: api.unauthorized },
    });
    statusByName.set(name.toLowerCase(), 'fail');
  }
  return { findings, statusByName, anyAnswered };
}

function worse(a: Finding['status'] | undefined, b: Finding['status']): Finding['status'] {
  return a === undefined ? b : worstStatus([a, b]);
}

// ───────────── (b) virtual directory host names ─────────────

function judgeVirtualDirectories(
  vdirs: VirtualDirectories,
  directory: ServerDirectory,
  sampled: Map<string, Finding['status']>,
): Finding[] {
  const hosts = new Map<string, { servers2013: Set<string>; serversModern: Set<string> }>();
  for (const vdir of vdirs.directories) {
    const generation = generationOf(vdir.server, directory);
    if (generation !== 'exchange-2013' && generation !== 'exchange-2016-or-later') continue;
    for (const url of [vdir.internalUrl, vdir.externalUrl]) {
      const host = hostOf(url);
      if (!host) continue;
      const entry = hosts.get(host) ?? { servers2013: new Set(), serversModern: new Set() };
      (generation === 'exchange-2013' ? entry.servers2013 : entry.serversModern).add(vdir.server);
      hosts.set(host, entry);
    }
  }
  const findings: Finding[] = [];
  for (const [host, entry] of hosts) {
    if (entry.servers2013.size === 0 || entry.serversModern.size === 0) continue;
    const data = {
      host,
      subject: host,
      servers2013: [...entry.servers2013].join(', '),
      serversModern: [...entry.serversModern].join(', '),
    };
    const evidence: Evidence = { host, exchange2013Servers: [...entry.servers2013], exchange2016OrLaterServers: [...entry.serversModern] };
    const subject = { kind: 'host', name: host } as const;
    findings.push(
      sampled.get(host) === 'pass'
        ? { subject, status: 'pass', messageId: 'host-shared-sampled-clean', data, evidence }
        : { subject, status: 'warn', messageId: 'host-shared-with-2013', remediationId: 'fix-verify-pool', data, evidence },
    );
  }
  return findings;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** The front ends that answered, tallied ("EX16-01 ×4, EX16-02 ×2"), and how many there were (for the wording). */
function frontEndsOf(readings: readonly SampleReading[]): { frontEnds: string; frontEndCount: number } {
  return { frontEnds: frontEndTally(readings), frontEndCount: new Set(readings.map((reading) => reading.frontEnd ?? 'unnamed')).size };
}

// ───────────── (c) declared pools ─────────────

function judgePools(declared: DeclaredPools, directory: ServerDirectory | null): Finding[] {
  return declared.pools.map((pool): Finding => {
    const members = { '2013': [] as string[], modern: [] as string[], unknown: [] as string[] };
    for (const member of pool.members) {
      const generation = generationOf(member, directory);
      if (generation === 'exchange-2013') members['2013'].push(member);
      else if (generation === 'exchange-2016-or-later') members.modern.push(member);
      else members.unknown.push(member);
    }
    const subject = { kind: 'configuration', name: `pool ${pool.name}` } as const;
    const data = {
      pool: pool.name,
      subject: pool.namespace ?? `pool ${pool.name}`,
      servers2013: members['2013'].join(', '),
      count2013: members['2013'].length,
      serversModern: members.modern.join(', '),
      countModern: members.modern.length,
      unknown: members.unknown.join(', ') || 'none listed',
      countUnknown: members.unknown.length,
    };
    const evidence: Evidence = {
      pool: pool.name,
      namespace: pool.namespace,
      exchange2013: members['2013'],
      exchange2016OrLater: members.modern,
      unmatched: members.unknown,
    };
    if (members['2013'].length > 0 && members.modern.length > 0)
      return { subject, status: 'fail', messageId: 'pool-mixed', remediationId: 'fix-remove-2013-from-pool', data, evidence };
    if (members['2013'].length > 0 && members.unknown.length > 0)
      return { subject, status: 'manual', messageId: 'pool-2013-with-unknown', remediationId: 'fix-name-pool-members', data, evidence };
    if (members['2013'].length > 0) return { subject, status: 'not-applicable', messageId: 'pool-2013-only', data, evidence };
    if (members.modern.length > 0 && members.unknown.length === 0)
      return { subject, status: 'pass', messageId: 'pool-clean', data, evidence };
    return { subject, status: 'manual', messageId: 'pool-unclassified', remediationId: 'fix-name-pool-members', data, evidence };
  });
}
