// Benchmark 1: 20 namespaces × 3 addresses, every address accepting TCP and never answering, --timeout 2000.
// Target: the whole live collection (DNS + every HTTPS probe) ends within 1.25 × the timeout.
// Run: npx tsx bench/probes-unreachable.ts
import { ADDRESSES_PER_NAMESPACE, benchOptions, namespaceName, NAMESPACES, startBenchLab, timedCollection } from './lab.js';

const TIMEOUT_MS = 2000;
const TARGET_RATIO = 1.25;

const lab = await startBenchLab('hang');
try {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i));
  const { millis, https } = await timedCollection(benchOptions(lab, namespaces, TIMEOUT_MS));
  const probes = https.artifacts.EndpointProbes?.probes ?? [];
  const timedOut = probes.filter((probe) => probe.tcp.connected && probe.tls?.error?.code === 'ETIMEDOUT').length;
  const ratio = millis / TIMEOUT_MS;
  console.log(`namespaces × addresses:  ${NAMESPACES} × ${ADDRESSES_PER_NAMESPACE} = ${probes.length} endpoints (${timedOut} accepted TCP and timed out in TLS)`);
  console.log(`timeout:                 ${TIMEOUT_MS} ms`);
  console.log(`wall time:               ${Math.round(millis)} ms`);
  console.log(`ratio wall / timeout:    ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`);
  if (timedOut !== NAMESPACES * ADDRESSES_PER_NAMESPACE || ratio > TARGET_RATIO) process.exitCode = 1;
} finally {
  await lab.close();
}
