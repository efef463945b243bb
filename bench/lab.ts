// Shared by the probe benchmarks: start the servers in a child process (bench/lab-server.ts), build the
// CollectOptions that point at them, and time one live collection (dns + https collectors concurrently, as
// the collect pipeline runs them).
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createInternetCollectors } from '../src/collectors/internet.js';
import type { CollectOptions } from '../src/options.js';
import { collectOptions } from '../test/support/collect-options.js';
import type { BenchLatency } from './servers.js';
import { machineCpuMillis } from './stats.js';

export { ADDRESSES_PER_NAMESPACE, NAMESPACES, namespaceName, singleName } from './servers.js';

export interface BenchLab {
  port: number;
  resolver: string;
  caPem: string;
  /** CPU time the server process has used so far. */
  serverCpuMillis(): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchLab(
  behaviour: 'hang' | 'exchange',
  latency: BenchLatency = { millis: 0, handshake: false },
): Promise<BenchLab> {
  const script = fileURLToPath(new URL('./lab-server.ts', import.meta.url));
  const args = [script, behaviour, String(latency.millis), latency.handshake ? 'handshake' : 'http-only'];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let exited: Error | null = null;
  child.once('exit', (code) => {
    exited = new Error(`the benchmark servers exited (${code})`);
    lines.emit('line', '');
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', (line) => (exited ? reject(exited) : resolve(line)));
    });
  const ready = JSON.parse(await nextLine()) as { port: number; resolver: string; caPem: string };
  return {
    ...ready,
    async serverCpuMillis() {
      const reply = nextLine();
      child.stdin!.write('cpu\n');
      return (JSON.parse(await reply) as { cpuMillis: number }).cpuMillis;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export function benchOptions(lab: BenchLab, namespaces: string[], timeoutMs: number): CollectOptions {
  return collectOptions({
    namespaces,
    resolvers: [lab.resolver],
    httpsPort: lab.port,
    treatAsPublic: ['127.0.0.0/8'],
    caPem: lab.caPem,
    timeoutMs,
  });
}

/**
 * One live collection of every Internet-side artifact; returns the wall time, the client's CPU time, the CPU time
 * of every process on the machine during it (client and servers included) and the outputs.
 */
export async function timedCollection(options: CollectOptions, settings: Parameters<typeof createInternetCollectors>[0] = {}) {
  const { dns, https } = createInternetCollectors({ systemResolver: 'off', env: {}, ...settings });
  const context = { options, progress: () => undefined, debug: () => undefined };
  const machine = machineCpuMillis();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const [dnsOutput, httpsOutput] = await Promise.all([
    dns.collect(['PublicDns'], context),
    https.collect(['EndpointProbes', 'AutodiscoverProbes', 'RestEndpointProbes', 'FrontEndSamples'], context),
  ]);
  const millis = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    millis,
    cpuMillis: (used.user + used.system) / 1000,
    machineCpuMillis: machineCpuMillis() - machine,
    dns: dnsOutput,
    https: httpsOutput,
  };
}
