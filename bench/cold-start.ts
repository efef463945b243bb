// Benchmark: what a user waits for when a command starts — the whole process, module loading and exit included —
// each command alternating with `node -e 0` (Node's own start-up) in one session. Targets (issue 14):
//   checks, --help                                 ≤ 2.0 × node -e 0
//   assess --from-inventory (json)                 ≤ 3.0 × node -e 0
//   a DNS-only assessment of 20 names (BIND on 127.0.0.1, whole process) ≤ 3.0 × node -e 0, beside one `dig -f`
//     batch of the same 40 questions (A and AAAA per name)
//   demo                                           ≤ 1.5 s of wall beyond the same assessment offline
// report and diff are measured too (no target). Run: npx tsx bench/cold-start.ts [--runs 9]  (needs bind9, dnsutils)
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SCENARIO } from '../src/lab/scenarios/catalogue.js';
import { startNamed } from '../test/support/named.js';
import { median, runsFrom } from './stats.js';
import {
  alternate,
  cli,
  describeMillis,
  type Invocation,
  machineLoad,
  millisOf,
  nodeBaseline,
  ratioOf,
  runProcess,
  verdict,
} from './whole-process.js';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = runsFrom(values.runs, 9);
if (runs < 7) throw new Error('--runs must be at least 7: medians of fewer alternations are too noisy on a shared machine');

const NAMES = Array.from({ length: 20 }, (_, index) => `ns${String(index + 1).padStart(2, '0')}.bench.test`);
const zone = [
  '$TTL 300',
  '@ IN SOA ns.bench.test. hostmaster.bench.test. 1 3600 600 86400 300',
  '@ IN NS ns.bench.test.',
  'ns IN A 127.0.0.1',
  ...NAMES.map((name, index) => `${name}. IN A 127.0.1.${index + 1}`),
  '',
].join('\n');
const scenarioFile = (name: string, file: string) => path.join('fixtures', 'scenarios', name, file);

const scratch = await mkdtemp(path.join(tmpdir(), 'hr-bench-cold-'));
const named = await startNamed('bench.test', zone);
try {
  const digBatch = path.join(scratch, 'questions');
  writeFileSync(digBatch, `${NAMES.flatMap((name) => [`${name} A`, `${name} AAAA`]).join('\n')}\n`);
  const dig: Invocation = {
    command: 'dig',
    args: ['+noall', '+answer', '+time=2', '+tries=1', `@${named.address}`, '-p', String(named.port), '-f', digBatch],
  };
  const dnsOnly = cli([
    'assess',
    ...NAMES.flatMap((name) => ['--namespace', name]),
    '--resolver',
    named.resolver,
    '--treat-as-public',
    '127.0.0.0/8',
    '--only',
    'client-namespace-public-dns',
    '--format',
    'json',
    '--quiet',
  ]);

  // Correctness first: each command does its real work (and the DNS-only run really judged all 20 names).
  const judged = JSON.parse(runProcess(dnsOnly, { keepOutput: true }).stdout) as {
    results: { id: string; status: string; findings: unknown[] }[];
  };
  const dnsResult = judged.results.find((result) => result.id === 'client-namespace-public-dns');
  if (dnsResult?.status !== 'pass' || dnsResult.findings.length !== NAMES.length)
    throw new Error(`the DNS-only assessment did not pass all ${NAMES.length} names: ${JSON.stringify(dnsResult)}`);
  const answers = runProcess(dig, { keepOutput: true }).stdout.trim().split('\n').length;
  if (answers !== NAMES.length) throw new Error(`dig got ${answers} answers, expected ${NAMES.length} A records`);

  const offline = cli(['assess', '--from-inventory', scenarioFile(DEFAULT_DEMO_SCENARIO, 'inventory.json'), '--format', 'json'], {
    expectCodes: [1],
  });
  const rows: { label: string; invocation: Invocation; target: number | null }[] = [
    { label: 'checks', invocation: cli(['checks']), target: 2.0 },
    { label: '--help', invocation: cli(['--help']), target: 2.0 },
    {
      label: 'report (json)',
      invocation: cli(['report', scenarioFile('ready', 'expected-report.json'), '--format', 'json']),
      target: null,
    },
    {
      label: 'diff',
      invocation: cli(['diff', scenarioFile(DEFAULT_DEMO_SCENARIO, 'expected-report.json'), scenarioFile('ready', 'expected-report.json')]),
      target: null,
    },
    {
      label: 'assess --from-inventory (json)',
      invocation: cli(['assess', '--from-inventory', scenarioFile('ready', 'inventory.json'), '--format', 'json']),
      target: 3.0,
    },
    { label: 'assess, DNS only, 20 names', invocation: dnsOnly, target: 3.0 },
  ];

  console.log(`Cold-start benchmark: whole processes, ${runs} alternating runs each, Node ${process.version}, ${machineLoad()}`);
  let met = true;
  let nodeMillis: number[] = [];
  for (const row of rows) {
    const pair = alternate(nodeBaseline, row.invocation, runs);
    nodeMillis = nodeMillis.concat(millisOf(pair.reference));
    const ratio = ratioOf(pair);
    if (row.target !== null) met &&= ratio <= row.target;
    console.log(
      `${row.label.padEnd(32)} ${describeMillis(pair.measured).padEnd(22)} node -e 0 ${describeMillis(pair.reference).padEnd(20)} ` +
        `ratio ${ratio.toFixed(2)}${row.target === null ? '' : ` (target ≤ ${row.target.toFixed(1)}: ${verdict(ratio, row.target)})`}`,
    );
  }

  const digPair = alternate(dig, dnsOnly, runs);
  console.log(
    `${'  beside one dig -f batch (40 q)'.padEnd(32)} ${describeMillis(digPair.measured).padEnd(22)} dig       ${describeMillis(digPair.reference).padEnd(20)} ` +
      `ratio ${ratioOf(digPair).toFixed(2)} (no target)`,
  );

  // demo starts the lab (LDAPS, DNS, HTTPS front ends, Graph) and assesses it live; the same assessment offline
  // replays the scenario's saved inventory. What demo adds is the lab and the live collection.
  const demoPair = alternate(offline, cli(['demo', '--format', 'json', '--quiet'], { expectCodes: [1] }), runs);
  const extra = median(millisOf(demoPair.measured)) - median(millisOf(demoPair.reference));
  met &&= extra <= 1500;
  console.log(
    `${`demo (${DEFAULT_DEMO_SCENARIO})`.padEnd(32)} ${describeMillis(demoPair.measured).padEnd(22)} offline   ${describeMillis(demoPair.reference).padEnd(20)} ` +
      `+${extra.toFixed(0)} ms (target ≤ +1500 ms: ${verdict(extra, 1500)})`,
  );
  console.log(
    `node -e 0 over all pairs: ${median(nodeMillis).toFixed(0)} ms (${Math.min(...nodeMillis).toFixed(0)}–${Math.max(...nodeMillis).toFixed(0)}); ${machineLoad()}`,
  );
  process.exitCode = met ? 0 : 1;
} finally {
  await named.stop();
  await rm(scratch, { recursive: true, force: true });
}
