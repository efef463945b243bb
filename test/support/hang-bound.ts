// How long a run may take before a test calls it hung: twice the timeout plus five seconds. Tests prove that a run
// ends (no hang) with room for a busy CI machine; how close it stays to one --timeout is measured by the benchmarks
// under bench/, never by a timed test.
export function hangBound(timeoutMs: number): number {
  return 2 * timeoutMs + 5000;
}
