// Shared by the probe benchmarks: repeated runs, their median and spread, and how busy the rest of the machine was.
// Other processes (test suites run by other people, say) share the CPU with the client and its servers; their CPU
// time during a run is printed next to each figure, so a slow run can be told from a slow client.
import { cpus } from 'node:os';

/**
 * CPU time used by every process on the machine so far (all cores), in ms. The OS counts it in clock ticks, so
 * "other processes" (this minus the client's and the servers' own times) is approximate: within ~0.2 s over a run,
 * and clamped at zero. Enough to tell a quiet machine from one running someone's test suite.
 */
export function machineCpuMillis(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

/** The value of `--runs` (a positive integer), or `fallback` when it was not given. */
export function runsFrom(value: string | undefined, fallback: number): number {
  const runs = Number(value ?? fallback);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${value})`);
  return runs;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "1.23 (1.10–1.41)": the median, then the lowest and highest of the runs. */
export function medianAndSpread(values: readonly number[], digits = 0): string {
  const text = (value: number) => value.toFixed(digits);
  if (values.length === 1) return text(values[0]!);
  return `${text(median(values))} (${text(Math.min(...values))}–${text(Math.max(...values))})`;
}
