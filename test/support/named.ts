// BIND 9 (Debian package bind9) as a real authoritative server for one test: a zone file, a loopback
// address and a free high port, in a temporary directory; started in the foreground (-g: logs on stderr)
// so the test owns the process.
// Missing binaries fail loudly: .ci/run installs bind9, and a test that skips in CI proves nothing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningNamed {
  address: string;
  port: number;
  resolver: string;
  stop(): Promise<void>;
}

function requireBinary(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `${name} is not installed: run "apt-get install -y bind9 bind9-dnsutils" (as .ci/run does) before the DNS integration tests`,
    );
  }
}

/** A port free for both UDP and TCP on the address (checked, then released for named). */
async function freePort(address: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tcp = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen({ port: 0, host: address }, () => resolve((tcp.address() as { port: number }).port));
    });
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, address, () => resolve(true));
    });
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
    if (udpFree) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      return port;
    }
    udp.close();
  }
  throw new Error(`no free port on ${address}`);
}

// named listens only on addresses configured on an interface, and lo carries 127.0.0.1 alone (not all of 127/8).
export async function startNamed(zone: string, zoneText: string, address = '127.0.0.1'): Promise<RunningNamed> {
  requireBinary('named');
  requireBinary('named-checkzone');
  const dir = await mkdtemp(join(tmpdir(), 'hr-named-'));
  const port = await freePort(address);
  await writeFile(join(dir, 'zone.db'), zoneText);
  await writeFile(
    join(dir, 'named.conf'),
    `options { directory "${dir}"; pid-file "${dir}/named.pid"; session-keyfile "${dir}/session.key";
  listen-on port ${port} { ${address}; }; listen-on-v6 { none; }; recursion no; dnssec-validation no;
  // Nothing leaves the machine: no NOTIFY to the zone's name servers, no recursion.
  notify no; };
controls { };
zone "${zone}" { type primary; file "zone.db"; };
`,
  );
  const check = spawnSync('named-checkzone', [zone, join(dir, 'zone.db')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`named-checkzone rejected the test zone: ${check.stdout}${check.stderr}`);

  const asRoot = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const child: ChildProcess = spawn('named', ['-g', '-c', join(dir, 'named.conf'), '-n', '1', ...asRoot], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // Ready when dig gets an authoritative answer for the zone's SOA.
  const started = Date.now();
  for (;;) {
    const dig = spawnSync('dig', ['+short', '+time=1', '+tries=1', `@${address}`, '-p', String(port), zone, 'SOA'], { encoding: 'utf8' });
    if (dig.status === 0 && dig.stdout.trim() !== '') break;
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`named did not start on ${address}:${port}: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    address,
    port,
    resolver: `${address}:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
