// Benchmark: every reporter is linear in the findings. An organization with N mailbox databases, each with a copy on
// an Exchange 2013 server (N failing findings of mailbox-database-placement), is evaluated by the real check and
// rendered in every format at N = 1,000, 2,000, 4,000 and 8,000. Linear means the time per finding stays flat as N
// doubles; the script prints it per format and the growth from the smallest to the largest N (target: < 2×, where a
// quadratic reporter shows 8×). Run: npx tsx bench/reporters.ts [--runs 3]
import { parseArgs } from 'node:util';
import { DEFAULT_EVALUATION_OPTIONS } from '../checks/api.js';
import { catalogue } from '../checks/index.js';
import type { Artifacts } from '../src/inventory/artifacts.js';
import type { Inventory } from '../src/inventory/inventory.js';
import { evaluate } from '../src/pipeline/evaluate.js';
import { summarize } from '../src/pipeline/summarize.js';
import { REPORT_FORMATS, render } from '../src/reporters/index.js';
import { median, runsFrom } from './stats.js';

const SIZES = [1000, 2000, 4000, 8000];
const TARGET_GROWTH = 2;
const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = runsFrom(values.runs, 3);

const ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com';
const serverDn = (name: string) =>
  `CN=${name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${ORG}`;
const server = (name: string, build: string) => ({
  name,
  dn: serverDn(name),
  fqdn: `${name.toLowerCase()}.contoso.com`,
  serialNumber: `Version 15.${build.split('.')[1]} (Build ${build.split('.').slice(2).join('.')})`,
  versionNumber: null,
  roles: ['mailbox'],
  site: 'Default-First-Site-Name',
  dag: 'DAG1',
});

function inventory(databases: number): Inventory {
  const names = Array.from({ length: databases }, (_, index) => `DB${String(index + 1).padStart(5, '0')}`);
  const artifacts: Partial<Artifacts> = {
    ExchangeServers: {
      servers: [server('EX16A', '15.1.2507.66'), server('EX13', '15.0.1497.48')],
    } as unknown as Artifacts['ExchangeServers'],
    MailboxDatabases: {
      databases: names.map((name) => ({
        name,
        dn: `CN=${name},CN=Databases,${ORG}`,
        owningServer: 'EX16A',
        masterServerOrDag: 'DAG1',
        copies: [
          { server: 'EX16A', serverDn: serverDn('EX16A'), activationPreference: 1 },
          { server: 'EX13', serverDn: serverDn('EX13'), activationPreference: 2 },
        ],
        isRecovery: false,
      })),
    },
    MailboxPlacement: {
      byDatabase: names.map((name) => ({
        databaseDn: `CN=${name},CN=Databases,${ORG}`,
        database: name,
        counts: { user: 10, shared: 0, resource: 0, linked: 0, other: 0 },
      })),
      scanned: databases * 10,
      excludedSystem: 0,
      requested: [],
      globalCatalog: false,
    },
  };
  return {
    schemaVersion: 1,
    tool: { name: 'hybrid-readiness', version: '0.0.0-bench' },
    collectedAt: '2026-12-01T12:00:00.000Z',
    target: { domains: [], namespaces: [], mailboxes: [], adDomain: null, ldapUrl: null, tenantId: null },
    settings: { mode: 'fixture', timeoutMs: null, httpsPort: null, resolvers: [], treatAsPublic: [], globalCatalog: false, cloud: null },
    artifacts,
    artifactErrors: {},
  };
}

const checks = catalogue.filter((check) => check.id === 'mailbox-database-placement');
console.log(`Reporters benchmark: N failing databases rendered in every format, median of ${runs} runs, Node ${process.version}`);
const perFinding: Record<string, number[]> = Object.fromEntries(REPORT_FORMATS.map((format) => [format, []]));
for (const size of SIZES) {
  const input = inventory(size);
  const results = evaluate({ inventory: input, checks, deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS });
  const report = summarize({
    inventory: input,
    results,
    options: DEFAULT_EVALUATION_OPTIONS,
    failOn: 'blocker',
    source: 'inventory',
    inventoryFile: null,
  });
  const findings = report.results.reduce((sum, result) => sum + result.findings.length, 0);
  const cells: string[] = [];
  for (const format of REPORT_FORMATS) {
    render(report, format, { colorLevel: 0, width: 100 }); // warm-up: JIT and caches are not billed to the first size
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      bytes = render(report, format, { colorLevel: 0, width: 100 }).length;
      times.push(performance.now() - started);
    }
    const millis = median(times);
    perFinding[format]!.push((millis * 1000) / findings);
    cells.push(`${format} ${millis.toFixed(0)} ms (${(bytes / 1e6).toFixed(1)} MB)`);
  }
  console.log(
    `N=${size.toLocaleString('en')} (${findings} findings, summary ${report.results[0]?.summary.length} chars): ${cells.join(', ')}`,
  );
}
console.log('');
let met = true;
for (const format of REPORT_FORMATS) {
  const series = perFinding[format]!;
  const growth = series.at(-1)! / series[0]!;
  met &&= growth < TARGET_GROWTH;
  console.log(
    `${format.padEnd(8)} µs per finding: ${series.map((value) => value.toFixed(1)).join(' → ')}; growth ${growth.toFixed(2)}× ` +
      `(target < ${TARGET_GROWTH}×: ${growth < TARGET_GROWTH ? 'met' : 'MISSED'})`,
  );
}
process.exitCode = met ? 0 : 1;
