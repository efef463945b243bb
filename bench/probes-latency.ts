// Benchmark 2: 20 namespaces × 3 addresses of Exchange front ends, each 100 ms further away: the servers hold every
// DNS answer, every TLS handshake's answer and every HTTP response 100 ms, as a path with 100 ms more latency would.
// (TCP's own handshake is the kernel's and is not delayed, so a chain here is still shorter than on such a path.)
// Target: the whole probe set ends within 1.5 × the longest single probe chain.
// A chain is everything probed for one name at one address — DNS, TLS handshake, /api, and the front-end
// samples (/owa/ and /api, each sample on a new connection, the first on the handshake's, the others a few at a
// time) — timed alone against the same servers.
// --http-only-latency leaves the TLS handshake undelayed, this benchmark's first model: every chain is then a round
// trip per connection shorter, while the whole set, bound by the client's CPU, shortens much less: the ratio is higher.
// The servers run in a child process. CPU times are printed, and how busy the client's one thread was during
// the whole run: near 100% means the run waited for TLS work on the CPU, not for the network. Other processes'
// CPU time is printed too: on a shared machine, their load slows the run without any change in the client.
// Each run times the 60 chains alone, then the whole set; the verdict is on the median ratio of the runs.
// Run: npx tsx bench/probes-latency.ts [--runs 5] [--samples 12,4,1] [--in-flight 3] [--http-only-latency]
import { parseArgs } from 'node:util';
import { DEFAULT_SAMPLES_IN_FLIGHT } from '../src/collectors/https/sample-pacing.js';
import {
  ADDRESSES_PER_NAMESPACE,
  type BenchLab,
  benchOptions,
  NAMESPACES,
  namespaceName,
  singleName,
  startBenchLab,
  timedCollection,
} from './lab.js';
import { median, medianAndSpread, runsFrom } from './stats.js';

const LATENCY_MS = 100;
const TIMEOUT_MS = 5000;
const TARGET_RATIO = 1.5;
const DEFAULT_SAMPLES = 12;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    samples: { type: 'string' },
    'in-flight': { type: 'string' },
    'http-only-latency': { type: 'boolean' },
  },
});
const latency = { millis: LATENCY_MS, handshake: values['http-only-latency'] !== true };
const runs = runsFrom(values.runs, 5);
const sampleCounts = (values.samples ?? String(DEFAULT_SAMPLES)).split(',').map(Number);
const samplesInFlight = Number(values['in-flight'] ?? DEFAULT_SAMPLES_IN_FLIGHT);
if (sampleCounts.some((count) => !Number.isInteger(count) || count < 1) || !Number.isInteger(samplesInFlight) || samplesInFlight < 1) {
  throw new Error('--samples takes positive integers separated by commas, --in-flight a positive integer');
}

async function measure(lab: BenchLab, samplesPerAddress: number) {
  const settings = { samplesPerAddress, samplesInFlight };
  const alone: number[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let m = 0; m < ADDRESSES_PER_NAMESPACE; m++) {
      const { millis, https } = await timedCollection(benchOptions(lab, [singleName(n, m)], TIMEOUT_MS), settings);
      const samples = https.artifacts.FrontEndSamples?.targets[0]?.samples ?? [];
      if (samples.length !== samplesPerAddress || samples.some((sample) => sample.apiStatus !== 401))
        throw new Error(`chain ${singleName(n, m)} did not complete`);
      alone.push(millis);
    }
  }
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i));
  const serverCpuBefore = await lab.serverCpuMillis();
  const whole = await timedCollection(benchOptions(lab, namespaces, TIMEOUT_MS), settings);
  const serverCpu = (await lab.serverCpuMillis()) - serverCpuBefore;
  const samples = (whole.https.artifacts.FrontEndSamples?.targets ?? []).flatMap((target) => target.samples);
  const longestAlone = Math.max(...alone);
  return {
    // A connection per sample: the handshake's carries the REST probe's /api and the first sample.
    connections: NAMESPACES * ADDRESSES_PER_NAMESPACE * samplesPerAddress,
    complete: samples.filter((sample) => sample.apiStatus === 401 && sample.owaStatus === 302).length,
    samples: samples.length,
    whole: whole.millis,
    ratio: whole.millis / longestAlone,
    clientCpu: whole.cpuMillis,
    serverCpu,
    otherCpu: Math.max(0, whole.machineCpuMillis - whole.cpuMillis - serverCpu),
    longestAlone,
    medianAlone: median(alone),
  };
}

type Measurement = Awaited<ReturnType<typeof measure>>;
const verdict = (ratio: number) => `${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`;

const lab = await startBenchLab('exchange', latency);
try {
  console.log(
    `latency added: ${LATENCY_MS} ms per ${latency.handshake ? 'DNS answer, TLS handshake and HTTP response' : 'DNS answer and HTTP response (not TLS handshake)'}; ${NAMESPACES} namespaces × ${ADDRESSES_PER_NAMESPACE} addresses; ` +
      `${samplesInFlight} sample(s) per address in flight; ${runs} run(s); target ≤ ${TARGET_RATIO}`,
  );
  const results = new Map<number, Measurement[]>(sampleCounts.map((count) => [count, []]));
  for (let run = 1; run <= runs; run++) {
    for (const samplesPerAddress of sampleCounts) {
      const r = await measure(lab, samplesPerAddress);
      results.get(samplesPerAddress)!.push(r);
      console.log(
        `run ${run}, ${samplesPerAddress} samples/address: whole ${Math.round(r.whole)} ms, longest chain ${Math.round(r.longestAlone)} ms, ` +
          `ratio ${r.ratio.toFixed(2)} ${verdict(r.ratio)}; CPU client ${Math.round(r.clientCpu)} ms, servers ${Math.round(r.serverCpu)} ms, ` +
          `other processes ${Math.round(r.otherCpu)} ms; ${r.complete}/${r.samples} samples complete`,
      );
    }
  }
  let failed = false;
  for (const [samplesPerAddress, list] of results) {
    const all = (pick: (r: Measurement) => number) => list.map(pick);
    const ratio = median(all((r) => r.ratio));
    const complete = list.every((r) => r.complete === r.samples);
    if (samplesPerAddress === DEFAULT_SAMPLES) failed = ratio > TARGET_RATIO || !complete;
    const first = list[0]!;
    console.log(
      `\nsamples/address ${samplesPerAddress}${samplesPerAddress === DEFAULT_SAMPLES ? ' (default)' : ''}: ${first.connections} TLS connections per whole set, ` +
        `${complete ? 'every sample complete in every run' : 'SOME SAMPLES INCOMPLETE'}; median (lowest–highest) of ${list.length} run(s):`,
    );
    console.log(
      `  single chains alone       median ${medianAndSpread(all((r) => r.medianAlone))} ms, longest ${medianAndSpread(all((r) => r.longestAlone))} ms`,
    );
    console.log(`  whole probe set           ${medianAndSpread(all((r) => r.whole))} ms`);
    console.log(
      `  ratio whole / longest     ${medianAndSpread(
        all((r) => r.ratio),
        2,
      )} ${verdict(ratio)}`,
    );
    console.log(
      `  CPU during the whole set  client ${medianAndSpread(all((r) => r.clientCpu))} ms (${Math.round(median(all((r) => (100 * r.clientCpu) / r.whole)))}% of the wall), ` +
        `servers ${medianAndSpread(all((r) => r.serverCpu))} ms, other processes ${medianAndSpread(all((r) => r.otherCpu))} ms, ` +
        `${median(all((r) => r.clientCpu / r.connections)).toFixed(2)} ms client CPU per connection`,
    );
  }
  if (failed) process.exitCode = 1;
} finally {
  await lab.close();
}
