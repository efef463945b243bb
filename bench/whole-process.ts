// Timing whole processes, the way users run them: module loading, start-up and exit included. A command and its
// reference (`node -e 0`, ldapsearch, dig) run alternately in one session, so a busy moment of the shared machine
// falls on both; the figures are medians with the lowest and highest run. Peak RSS is read by GNU time (the
// `time` package, /usr/bin/time), outside the measured process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, medianAndSpread } from './stats.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(repoRoot, 'bin', 'hybrid-readiness.js');
const GNU_TIME = '/usr/bin/time';

export interface Invocation {
  command: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** Exit codes that mean the run did what it should (default: 0). */
  expectCodes?: readonly number[];
}

export interface ProcessRun {
  millis: number;
  /** Peak resident set size in MB (from GNU time), or null when not asked for. */
  maxRssMb: number | null;
  stdout: string;
}

/** `hybrid-readiness <args>` as bin/ runs it, on the Node running the benchmark. */
export function cli(args: readonly string[], options: Omit<Invocation, 'command' | 'args'> = {}): Invocation {
  return { command: process.execPath, args: [CLI, ...args], ...options };
}

export const nodeBaseline: Invocation = { command: process.execPath, args: ['-e', '0'] };

/**
 * Runs once and waits for the exit. stdout is kept only when `keepOutput` (a correctness check before the timed
 * runs); timed runs send it to /dev/null, as a user's `> report.json` would.
 */
export function runProcess(invocation: Invocation, options: { keepOutput?: boolean; measureRss?: boolean } = {}): ProcessRun {
  const { command, args } = invocation;
  if (options.measureRss && !existsSync(GNU_TIME))
    throw new Error(`${GNU_TIME} is missing: apt-get install time (GNU time reads the peak RSS)`);
  const [file, argv] = options.measureRss ? [GNU_TIME, ['-f', '%M', command, ...args]] : [command, [...args]];
  const started = performance.now();
  const result = spawnSync(file, argv, {
    cwd: repoRoot,
    env: { ...process.env, ...invocation.env },
    stdio: ['ignore', options.keepOutput ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const millis = performance.now() - started;
  const expected = invocation.expectCodes ?? [0];
  if (result.error) throw result.error;
  if (!expected.includes(result.status ?? -1)) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  }
  let maxRssMb: number | null = null;
  if (options.measureRss) {
    // GNU time prints its figure as the last line of stderr, after whatever the command wrote there.
    const lines = result.stderr.trim().split('\n');
    maxRssMb = Number(lines.at(-1)) / 1024;
  }
  return { millis, maxRssMb, stdout: result.stdout ?? '' };
}

export interface Pair {
  reference: ProcessRun[];
  measured: ProcessRun[];
}

/** `runs` alternations of reference then measured (after one untimed run of each, to warm the page cache). */
export function alternate(reference: Invocation, measured: Invocation, runs: number, measureRss = false): Pair {
  runProcess(reference);
  runProcess(measured);
  const pair: Pair = { reference: [], measured: [] };
  for (let run = 0; run < runs; run++) {
    pair.reference.push(runProcess(reference, { measureRss }));
    pair.measured.push(runProcess(measured, { measureRss }));
  }
  return pair;
}

export const millisOf = (runs: readonly ProcessRun[]) => runs.map((run) => run.millis);
export const rssOf = (runs: readonly ProcessRun[]) => runs.map((run) => run.maxRssMb ?? 0);

/** The median of `measured` over the median of `reference`. */
export function ratioOf(pair: Pair): number {
  return median(millisOf(pair.measured)) / median(millisOf(pair.reference));
}

/** "412 ms (380–455)". */
export function describeMillis(runs: readonly ProcessRun[]): string {
  return `${medianAndSpread(millisOf(runs))} ms`;
}

/** "met" or "MISSED", for the last column of a figure. */
export function verdict(value: number, target: number): string {
  return value <= target ? 'met' : 'MISSED';
}

/** How busy the machine was: the 1-minute load average (2 cores here; other engineers' tests share them). */
export function machineLoad(): string {
  return `load average ${loadavg()[0]!.toFixed(1)}`;
}
