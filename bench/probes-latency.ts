// Benchmark 2: 20 namespaces × 3 addresses of Exchange front ends, with 100 ms added before every DNS answer
// and every HTTP response. Target: the whole probe set ends within 1.5 × the longest single probe chain.
// A chain is everything probed for one name at one address — DNS, TLS handshake, /api, and the front-end
// samples (/owa/ then /api, each sample on a new connection) — timed alone against the same servers.
// The servers run in a child process. CPU times are printed, and how busy the client's one thread was during
// the whole run: near 100% means the run waited for TLS work on the CPU, not for the network.
// Run: npx tsx bench/probes-latency.ts
import { ADDRESSES_PER_NAMESPACE, benchOptions, namespaceName, NAMESPACES, singleName, startBenchLab, timedCollection, type BenchLab } from './lab.js';

const LATENCY_MS = 100;
const TIMEOUT_MS = 5000;
const TARGET_RATIO = 1.5;

async function measure(lab: BenchLab, samplesPerAddress: number) {
  const settings = { samplesPerAddress };
  const alone: number[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let m = 0; m < ADDRESSES_PER_NAMESPACE; m++) {
      const { millis, https } = await timedCollection(benchOptions(lab, [singleName(n, m)], TIMEOUT_MS), settings);
      const samples = https.artifacts.FrontEndSamples?.targets[0]?.samples ?? [];
      if (samples.length !== samplesPerAddress || samples.some((sample) => sample.apiStatus !== 401)) throw new Error(`chain ${singleName(n, m)} did not complete`);
      alone.push(millis);
    }
  }
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i));
  const serverCpuBefore = await lab.serverCpuMillis();
  const whole = await timedCollection(benchOptions(lab, namespaces, TIMEOUT_MS), settings);
  const serverCpu = (await lab.serverCpuMillis()) - serverCpuBefore;
  const samples = (whole.https.artifacts.FrontEndSamples?.targets ?? []).flatMap((target) => target.samples);
  return {
    samplesPerAddress,
    connections: NAMESPACES * ADDRESSES_PER_NAMESPACE * (2 + samplesPerAddress),
    complete: samples.filter((sample) => sample.apiStatus === 401 && sample.owaStatus === 302).length,
    samples: samples.length,
    whole: whole.millis,
    clientCpu: whole.cpuMillis,
    serverCpu,
    longestAlone: Math.max(...alone),
    medianAlone: [...alone].sort((a, b) => a - b)[Math.floor(alone.length / 2)]!,
  };
}

const lab = await startBenchLab('exchange', LATENCY_MS);
try {
  console.log(`latency added: ${LATENCY_MS} ms per DNS answer and per HTTP response; ${NAMESPACES} namespaces × ${ADDRESSES_PER_NAMESPACE} addresses; target ≤ ${TARGET_RATIO}`);
  let failed = false;
  for (const samplesPerAddress of [12, 4, 1]) {
    const r = await measure(lab, samplesPerAddress);
    const ratioAlone = r.whole / r.longestAlone;
    const verdict = (ratio: number) => `${ratio.toFixed(2)} ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`;
    if (samplesPerAddress === 12) failed = ratioAlone > TARGET_RATIO || r.complete !== r.samples;
    console.log(`\nsamples/address ${samplesPerAddress}${samplesPerAddress === 12 ? ' (default)' : ''}: ${r.connections} TLS connections, ${r.complete}/${r.samples} samples complete`);
    console.log(`  single chains alone       median ${Math.round(r.medianAlone)} ms, longest ${Math.round(r.longestAlone)} ms`);
    console.log(`  whole probe set           ${Math.round(r.whole)} ms   ratio whole / longest chain ${verdict(ratioAlone)}`);
    console.log(
      `  CPU during the whole set  client ${Math.round(r.clientCpu)} ms (${Math.round((100 * r.clientCpu) / r.whole)}% of the wall), ` +
        `servers ${Math.round(r.serverCpu)} ms, ${(r.clientCpu / r.connections).toFixed(2)} ms client CPU per connection`,
    );
  }
  if (failed) process.exitCode = 1;
} finally {
  await lab.close();
}
