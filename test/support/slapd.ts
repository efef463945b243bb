// Starts a throw-away OpenLDAP slapd on 127.0.0.1 for tests and benchmarks: its own temp directory, free high
// ports chosen at runtime, the Exchange-like test schema, data loaded offline with slapadd. slapd runs in the
// foreground (-d 0) as our child, so stopping it is a kill of a process we own. A missing slapd is an error,
// never a skip: a test that silently skips proves nothing (docs/facts/libraries.md §4).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
const SYSTEM_SCHEMA_DIR = '/etc/ldap/schema';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXCHANGE_TEST_SCHEMA = path.join(repoRoot, 'fixtures/ldap/exchange-test.schema');

export interface SlapdTls {
  /** PEM of the server certificate, its key, and the CA that issued it. */
  cert: string;
  key: string;
  ca: string;
}

export interface SlapdOptions {
  suffix: string;
  /** LDIF text loaded with slapadd before the server starts (must contain the suffix entry). */
  ldif: string;
  /** LDIF text of extra RootDSE attributes (AD's naming-context attributes); starts with "dn:". */
  rootDse?: string;
  /** Without TLS, slapd has no ldaps listener and refuses StartTLS. */
  tls?: SlapdTls;
  /** slapd.conf `access` lines; default: everyone authenticated reads everything. */
  access?: string[];
  /** Attributes to index for equality. */
  indexes?: string[];
  /** Extra global slapd.conf lines placed before the database section. */
  globalConfig?: string[];
}

export interface RunningSlapd {
  /** ldap://127.0.0.1:<port> */
  ldapUrl: string;
  /** ldaps://127.0.0.1:<port>, or null without TLS. */
  ldapsUrl: string | null;
  port: number;
  tlsPort: number | null;
  rootDn: string;
  rootPassword: string;
  pid: number;
  stop(): Promise<void>;
}

export function assertSlapdInstalled(): void {
  for (const binary of [SLAPD, SLAPADD]) {
    if (!existsSync(binary)) {
      throw new Error(
        `${binary} is missing: the LDAP integration tests need OpenLDAP. Install it with ` +
          '`apt-get install -y slapd ldap-utils` (.ci/run does this).',
      );
    }
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startSlapd(options: SlapdOptions): Promise<RunningSlapd> {
  assertSlapdInstalled();
  const dir = await mkdtemp(path.join(tmpdir(), 'hr-slapd-'));
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, options: SlapdOptions): Promise<RunningSlapd> {
  const dbDir = path.join(dir, 'db');
  await mkdir(dbDir);
  const rootDn = `CN=admin,${options.suffix}`;
  const rootPassword = `root-${Math.random().toString(36).slice(2)}`;

  const tlsLines: string[] = [];
  if (options.tls) {
    await writeFile(path.join(dir, 'ca.pem'), options.tls.ca);
    await writeFile(path.join(dir, 'server.pem'), options.tls.cert);
    await writeFile(path.join(dir, 'server.key'), options.tls.key, { mode: 0o600 });
    tlsLines.push(`TLSCACertificateFile ${dir}/ca.pem`, `TLSCertificateFile ${dir}/server.pem`, `TLSCertificateKeyFile ${dir}/server.key`);
  }
  if (options.rootDse) await writeFile(path.join(dir, 'rootdse.ldif'), options.rootDse);

  const config = [
    `include ${SYSTEM_SCHEMA_DIR}/core.schema`,
    `include ${SYSTEM_SCHEMA_DIR}/cosine.schema`,
    `include ${SYSTEM_SCHEMA_DIR}/inetorgperson.schema`,
    `include ${EXCHANGE_TEST_SCHEMA}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    ...(options.rootDse ? [`rootDSE ${dir}/rootdse.ldif`] : []),
    ...tlsLines,
    'sizelimit unlimited',
    'loglevel none',
    ...(options.globalConfig ?? []),
    'database mdb',
    'maxsize 2147483648',
    `suffix "${options.suffix}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${rootPassword}`,
    `directory ${dbDir}`,
    ...['objectClass', ...(options.indexes ?? [])].map((attribute) => `index ${attribute} eq`),
    ...(options.access ?? ['access to attrs=userPassword by anonymous auth by * none', 'access to * by users read by * none']),
    '',
  ].join('\n');
  const configFile = path.join(dir, 'slapd.conf');
  await writeFile(configFile, config);

  const ldifFile = path.join(dir, 'data.ldif');
  await writeFile(ldifFile, options.ldif);
  const load = spawnSync(SLAPADD, ['-q', '-f', configFile, '-l', ldifFile], { encoding: 'utf8' });
  if (load.status !== 0) throw new Error(`slapadd failed (${load.status}): ${load.stderr || load.stdout}`);

  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort ? [`ldaps://127.0.0.1:${tlsPort}/`] : [])];
  // -d 0 keeps slapd in the foreground (our child) without debug output.
  const child = spawn(SLAPD, ['-d', '0', '-f', configFile, '-h', urls.join(' ')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitUntilListening(child, port, () => stderr);

  let stopped = false;
  return {
    ldapUrl: `ldap://127.0.0.1:${port}`,
    ldapsUrl: tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : null,
    port,
    tlsPort,
    rootDn,
    rootPassword,
    pid: child.pid ?? -1,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await stopChild(child);
  throw new Error(`slapd did not listen on 127.0.0.1:${port} within 10 s: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
