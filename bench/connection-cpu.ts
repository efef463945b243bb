// Where a front-end sample's client CPU goes, for work on bench/probes-latency.ts (whose whole set is bound by it).
// Against the benchmark's servers (no added latency, own process), 180 operations in flight as in the latency
// benchmark's whole set, each kind timed in a round of 780 operations after an untimed round of the same kind (a
// cold round charges the sample, and undici's larger code most, with JIT warm-up that a run's later connections
// do not pay):
//   - bare TLS: node:tls connect + handshake + close, nothing else — the reference, Node's own floor;
//   - pinned TLS: our connectPinned (deadline, TCP/TLS facts) + close, for a request-only connection;
//   - sample: one front-end sample as the collector takes it (connection, GET /owa/ and /api via undici, close);
//   - sample, minimal HTTP: the same two requests written and read by hand on our pinned connection, trusting
//     Content-Length — not robust enough for real servers, only a measure of what undici costs per sample, for
//     deciding whether that is worth replacing (see the latency benchmark in the README).
// Prints CPU per operation and its ratio to the bare handshake measured in the same run. No target: it explains.
// Run: npx tsx bench/connection-cpu.ts [--runs 3]

import { createSecureContext, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { parseArgs } from 'node:util';
import { connectPinned } from '../src/clients/pinned-tls.js';
import { SAMPLE_PATHS } from '../src/collectors/https/front-end-sampler.js';
import { getOnOneConnection } from '../src/collectors/https/requests.js';
import { startBenchLab } from './lab.js';
import { addressOf, namespaceName } from './servers.js';
import { medianAndSpread, runsFrom } from './stats.js';

const OPERATIONS = 780;
const IN_FLIGHT = 180;

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = runsFrom(values.runs, 3);

const lab = await startBenchLab('exchange');
const target = { name: namespaceName(0), address: addressOf(0, 0), port: lab.port };
const client = { caPem: lab.caPem, timeoutMs: 5000, env: {} };
const unverified = createSecureContext({ ca: [] });

const operations: Record<string, () => Promise<void>> = {
  'bare TLS': () =>
    new Promise((resolve, reject) => {
      const socket = tlsConnect({
        host: target.address,
        port: target.port,
        servername: target.name,
        secureContext: unverified,
        rejectUnauthorized: false,
      });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve();
      });
    }),
  'pinned TLS': async () => {
    const { facts, tlsSocket } = await connectPinned(target, client, false);
    if (!tlsSocket) throw new Error(`no connection: ${facts.tls?.error?.message ?? facts.tcp.error?.message}`);
    tlsSocket.destroy();
  },
  sample: async () => {
    const [owa, api] = await getOnOneConnection(target, SAMPLE_PATHS, client);
    if (owa?.status !== 302 || api?.status !== 401) throw new Error(`sample incomplete: /owa/ ${owa?.status}, /api ${api?.status}`);
  },
  'sample, minimal HTTP': async () => {
    const { tlsSocket } = await connectPinned(target, client, false);
    if (!tlsSocket) throw new Error('no connection');
    const statuses = await minimalGets(tlsSocket, SAMPLE_PATHS);
    tlsSocket.destroy();
    if (statuses[0] !== 302 || statuses[1] !== 401) throw new Error(`sample incomplete: ${statuses.join(', ')}`);
  },
};

/** GETs in order on one connection; each response is framed by its Content-Length (the lab's servers always send one). */
function minimalGets(socket: TLSSocket, paths: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const statuses: number[] = [];
    let received = '';
    const send = () =>
      socket.write(`GET ${paths[statuses.length]} HTTP/1.1\r\nhost: ${target.name}\r\nuser-agent: hybrid-readiness\r\naccept: */*\r\n\r\n`);
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      received += chunk;
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(received.slice(0, headEnd))?.[1] ?? 0);
      if (received.length < headEnd + 4 + length) return;
      statuses.push(Number(received.slice(9, 12)));
      received = received.slice(headEnd + 4 + length);
      if (statuses.length === paths.length) resolve(statuses);
      else send();
    });
    send();
  });
}

async function cpuPerOperation(operation: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  let started = 0;
  const lane = async () => {
    while (started < OPERATIONS) {
      started++;
      await operation();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / OPERATIONS;
}

try {
  console.log(`${OPERATIONS} operations per kind and run, ${IN_FLIGHT} in flight; client CPU per operation in ms; ${runs} run(s)`);
  const results = new Map<string, { millis: number[]; ratios: number[] }>(
    Object.keys(operations).map((name) => [name, { millis: [], ratios: [] }]),
  );
  for (let run = 1; run <= runs; run++) {
    const measured = new Map<string, number>();
    for (const [name, operation] of Object.entries(operations)) {
      await cpuPerOperation(operation);
      measured.set(name, await cpuPerOperation(operation));
    }
    const reference = measured.get('bare TLS')!;
    for (const [name, millis] of measured) {
      results.get(name)!.millis.push(millis);
      results.get(name)!.ratios.push(millis / reference);
    }
    console.log(`run ${run}: ${[...measured].map(([name, millis]) => `${name} ${millis.toFixed(3)}`).join(', ')}`);
  }
  console.log('\nmedian (lowest–highest):');
  for (const [name, { millis, ratios }] of results) {
    console.log(`  ${name.padEnd(20)} ${medianAndSpread(millis, 3)} ms, ${medianAndSpread(ratios, 2)} × bare TLS`);
  }
} finally {
  await lab.close();
}
