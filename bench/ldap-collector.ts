// Benchmark: collecting from a big Active Directory, against `ldapsearch -E pr=1000/noprompt` fetching the same
// attributes with the same filter over LDAPS, on slapd directories of 10,000, 100,000 and 300,000 mailbox users over
// 50 databases (bench/ldap-directory.ts). Two models, both kept:
// - whole process (what a user waits for): `hybrid-readiness collect` of the Active Directory checks only, spawned
//   as users run it, alternating with ldapsearch; wall time and peak RSS of each (GNU time). Targets (issue 14):
//   ≤ 2.5 × ldapsearch at 10k, ≤ 1.5 × at 100k and 300k; peak RSS ≤ 150 MB at 100k and ≤ 1.1 × that at 300k.
// - collector only (the first model, issue 3): the LDAP collector's MailboxPlacement timed inside a process that
//   has already loaded it (bench/ldap-placement-child.ts), for comparison with earlier figures.
// Run: npx tsx bench/ldap-collector.ts [--users 10000,100000,300000] [--runs 7]   (needs slapd, ldap-utils, time)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAILBOX_USER_FILTER } from '../src/collectors/ldap/mailbox-scan.js';
import { type BenchDirectory, DATABASES, startBenchDirectory } from './ldap-directory.js';
import { median, medianAndSpread, runsFrom } from './stats.js';
import {
  alternate,
  cli,
  describeMillis,
  type Invocation,
  machineLoad,
  millisOf,
  ratioOf,
  repoRoot,
  rssOf,
  runProcess,
  verdict,
} from './whole-process.js';

/** What the collector asks for when only MailboxPlacement's scan is wanted (mailbox-scan.ts). */
const ATTRIBUTES = ['homeMDB', 'msExchRecipientTypeDetails'];
/** The checks that need Active Directory alone: collecting for them touches no other source. */
const AD_CHECKS = 'exchange-2016-cu3,mailbox-database-placement,prepare-ad-cu3,hybrid-oauth-configuration,exchange-support-lifecycle';
const TIME_TARGET = (users: number) => (users <= 10_000 ? 2.5 : 1.5);
const RSS_TARGET_MB = 150;
const RSS_GROWTH_TARGET = 1.1;

const { values } = parseArgs({ options: { users: { type: 'string' }, runs: { type: 'string' } } });
const sizes = (values.users ?? '10000,100000,300000').split(',').map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('--users takes positive integers separated by commas');
const runs = runsFrom(values.runs, 7);
if (runs < 7) throw new Error('--runs must be at least 7');

function ldapsearch(directory: BenchDirectory): Invocation {
  return {
    command: 'ldapsearch',
    args: ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', directory.ldapsUrl, '-D', directory.bindDn, '-y', directory.passwordFile].concat([
      '-E',
      'pr=1000/noprompt',
      '-b',
      directory.suffix,
      MAILBOX_USER_FILTER,
      ...ATTRIBUTES,
    ]),
    env: { LDAPTLS_CACERT: directory.caFile, LDAPTLS_REQCERT: 'demand' },
  };
}

function collect(directory: BenchDirectory, output: string): Invocation {
  return cli(
    ['collect', '--ldap-url', directory.ldapsUrl, '--bind-dn', directory.bindDn, '--bind-password-env', 'HR_BENCH_PASSWORD'].concat([
      '--ca-file',
      directory.caFile,
      '--timeout',
      '30000',
      '--only',
      AD_CHECKS,
      '--quiet',
      '-o',
      output,
    ]),
    { env: { HR_BENCH_PASSWORD: directory.password } },
  );
}

/** Compiles bench/ldap-placement-child.ts as `npm run build` would, but only the files the child needs. */
function compileChild(into: string): string {
  const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
  const args = ['--outDir', into, '--rootDir', repoRoot, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022']
    .concat(['--strict', '--skipLibCheck', '--types', 'node', '--declaration', 'false', '--sourceMap', 'false'])
    .concat([path.join(repoRoot, 'bench/ldap-placement-child.ts')]);
  const result = spawnSync(tsc, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc exited ${result.status}: ${result.stdout}${result.stderr}`);
  return path.join(into, 'bench/ldap-placement-child.js');
}

interface SizeFigures {
  users: number;
  ratio: number;
  rssMb: number;
}

mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true }); // git-ignored; inside the repo so node_modules resolve
const build = mkdtempSync(path.join(repoRoot, '.tmp', 'bench-ldap-'));
const figures: SizeFigures[] = [];
let met = true;
try {
  console.log(
    `LDAP collector benchmark: ${sizes.map((size) => size.toLocaleString('en')).join(', ')} mailbox users over ${DATABASES} databases, ${runs} alternating runs, Node ${process.version}`,
  );
  const child = compileChild(build);
  for (const users of sizes) {
    const directory = await startBenchDirectory(users);
    try {
      console.log(
        `\n${users.toLocaleString('en')} users: directory generated and loaded in ${directory.loadSeconds.toFixed(1)} s (${directory.ldifMegabytes.toFixed(0)} MB LDIF); ${machineLoad()}`,
      );
      const inventoryFile = path.join(build, `inventory-${users}.json`);
      // Correctness first: the CLI and ldapsearch see the same mailbox users.
      const entries = (runProcess(ldapsearch(directory), { keepOutput: true }).stdout.match(/^dn:/gm) ?? []).length;
      runProcess(collect(directory, inventoryFile));
      const inventory = JSON.parse(readFileSync(inventoryFile, 'utf8')) as { artifacts: { MailboxPlacement?: { scanned: number } } };
      if (inventory.artifacts.MailboxPlacement?.scanned !== entries)
        throw new Error(`collect read ${inventory.artifacts.MailboxPlacement?.scanned} mailbox users, ldapsearch ${entries}`);

      const pair = alternate(ldapsearch(directory), collect(directory, inventoryFile), runs, true);
      const ratio = ratioOf(pair);
      const rssMb = Math.max(...rssOf(pair.measured));
      met &&= ratio <= TIME_TARGET(users);
      figures.push({ users, ratio, rssMb });
      console.log(
        `  ldapsearch -E pr=1000        ${describeMillis(pair.reference)}, peak RSS ${medianAndSpread(rssOf(pair.reference))} MB`,
      );
      console.log(
        `  hybrid-readiness collect     ${describeMillis(pair.measured)}, peak RSS ${medianAndSpread(rssOf(pair.measured))} MB (highest ${rssMb.toFixed(0)})`,
      );
      console.log(
        `  ratio collect/ldapsearch     ${ratio.toFixed(2)} (target ≤ ${TIME_TARGET(users)}: ${verdict(ratio, TIME_TARGET(users))})`,
      );

      // The first model: the collector alone, in a process that has loaded it already.
      const env = { HR_BENCH_PASSWORD: directory.password };
      const placement: number[] = [];
      const placementRss: number[] = [];
      for (let run = 0; run < runs; run++) {
        const result = runProcess(
          { command: process.execPath, args: [child, directory.ldapsUrl, directory.caFile], env },
          { keepOutput: true },
        );
        const measured = JSON.parse(result.stdout) as { millis: number; maxRssMb: number; scanned: number };
        if (measured.scanned !== entries) throw new Error(`the collector saw ${measured.scanned} mailbox users, ldapsearch ${entries}`);
        placement.push(measured.millis);
        placementRss.push(measured.maxRssMb);
      }
      const ldapsearchMedian = median(millisOf(pair.reference));
      console.log(
        `  collector only (first model) ${medianAndSpread(placement)} ms, ratio ${(median(placement) / ldapsearchMedian).toFixed(2)} to the ldapsearch median, ` +
          `peak RSS ${medianAndSpread(placementRss)} MB`,
      );
    } finally {
      await directory.stop();
    }
  }

  const at = (users: number) => figures.find((figure) => figure.users === users);
  const [rss100k, rss300k] = [at(100_000)?.rssMb, at(300_000)?.rssMb];
  console.log('');
  if (rss100k !== undefined) {
    met &&= rss100k <= RSS_TARGET_MB;
    console.log(`peak RSS of collect at 100k: ${rss100k.toFixed(0)} MB (target ≤ ${RSS_TARGET_MB} MB: ${verdict(rss100k, RSS_TARGET_MB)})`);
  }
  if (rss100k !== undefined && rss300k !== undefined) {
    const growth = rss300k / rss100k;
    met &&= growth <= RSS_GROWTH_TARGET;
    console.log(`peak RSS at 300k over 100k: ${growth.toFixed(2)} (target ≤ ${RSS_GROWTH_TARGET}: ${verdict(growth, RSS_GROWTH_TARGET)})`);
  }
  console.log(machineLoad());
  process.exitCode = met ? 0 : 1;
} finally {
  rmSync(build, { recursive: true, force: true });
}
