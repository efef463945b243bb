// Benchmark 1: 20 namespaces × 3 addresses, every address accepting TCP and never answering, --timeout 2000.
// Target: the whole live collection (DNS + every HTTPS probe) ends within 1.25 × the timeout; the verdict is on
// the median of the runs, and every run must see every endpoint time out in TLS.
// Run: npx tsx bench/probes-unreachable.ts [--runs 5]
import { parseArgs } from 'node:util';
import { ADDRESSES_PER_NAMESPACE, benchOptions, NAMESPACES, namespaceName, startBenchLab, timedCollection } from './lab.js';
import { median, medianAndSpread, runsFrom } from './stats.js';

const TIMEOUT_MS = 2000;
const TARGET_RATIO = 1.25;

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = runsFrom(values.runs, 5);
const endpoints = NAMESPACES * ADDRESSES_PER_NAMESPACE;

const lab = await startBenchLab('hang');
try {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i));
  const walls: number[] = [];
  const others: number[] = [];
  let allTimedOut = true;
  for (let run = 1; run <= runs; run++) {
    const serverCpuBefore = await lab.serverCpuMillis();
    const { millis, cpuMillis, machineCpuMillis, https } = await timedCollection(benchOptions(lab, namespaces, TIMEOUT_MS));
    const serverCpu = (await lab.serverCpuMillis()) - serverCpuBefore;
    const probes = https.artifacts.EndpointProbes?.probes ?? [];
    const timedOut = probes.filter((probe) => probe.tcp.connected && probe.tls?.error?.code === 'ETIMEDOUT').length;
    allTimedOut &&= probes.length === endpoints && timedOut === endpoints;
    walls.push(millis);
    others.push(Math.max(0, machineCpuMillis - cpuMillis - serverCpu));
    console.log(
      `run ${run}: wall ${Math.round(millis)} ms, ratio ${(millis / TIMEOUT_MS).toFixed(3)}; ${timedOut}/${probes.length} endpoints accepted TCP and timed out in TLS`,
    );
  }
  const ratio = median(walls) / TIMEOUT_MS;
  console.log(
    `\nnamespaces × addresses:  ${NAMESPACES} × ${ADDRESSES_PER_NAMESPACE} = ${endpoints} endpoints, ${allTimedOut ? 'all timed out in TLS in every run' : 'NOT ALL TIMED OUT IN TLS'}`,
  );
  console.log(`timeout:                 ${TIMEOUT_MS} ms`);
  console.log(`wall time:               ${medianAndSpread(walls)} ms (median, lowest–highest of ${runs} run(s))`);
  console.log(
    `ratio wall / timeout:    ${medianAndSpread(
      walls.map((wall) => wall / TIMEOUT_MS),
      3,
    )} (target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`,
  );
  console.log(`other processes' CPU:    ${medianAndSpread(others)} ms during a run`);
  if (!allTimedOut || ratio > TARGET_RATIO) process.exitCode = 1;
} finally {
  await lab.close();
}
