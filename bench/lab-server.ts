// The benchmark's servers, in their own process so that their TLS and HTTP work is not billed to the client
// being measured (on the Internet, the servers are someone else's CPU). Started by bench/lab.ts; prints one
// JSON line {port, resolver, caPem} when ready, answers each "cpu" line on stdin with {cpuMillis} (its CPU time
// so far), and stops when its stdin closes.
// Arguments: the behaviour ("hang" or "exchange"), the added latency in ms, and "handshake" or "http-only" (see
// BenchLatency in servers.ts).
import { createInterface } from 'node:readline';
import { EXCHANGE_CLIENT_ID, type FrontEndBehaviour } from '../src/lab/exchange-front-end.js';
import { startBenchServers } from './servers.js';

const [kind = 'exchange', latency = '0', latencyOn = 'handshake'] = process.argv.slice(2);
const behaviours: Record<string, FrontEndBehaviour> = {
  hang: { kind: 'accept-and-hang' },
  exchange: {
    kind: 'exchange',
    server: { name: 'EXSE1', fqdn: 'exse1.bench.local', build: '15.2.2562.17' },
    oauth: { clientId: EXCHANGE_CLIENT_ID, trustedIssuers: ['00000001-0000-0000-c000-000000000000@bench'], authorizationUri: null },
    restUrl: 'https://ns01.bench.test/api',
    ewsUrl: 'https://ns01.bench.test/EWS/Exchange.asmx',
  },
};
const behaviour = behaviours[kind];
if (!behaviour) throw new Error(`unknown behaviour ${kind}`);

const servers = await startBenchServers(behaviour, { millis: Number(latency), handshake: latencyOn === 'handshake' });
process.stdout.write(`${JSON.stringify({ port: servers.frontEnds.port, resolver: servers.dns.resolver, caPem: servers.pki.cert })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMillis: (user + system) / 1000 })}\n`);
  }
});

lines.on('close', () => void servers.close().then(() => process.exit(0)));
