// A throw-away Samba AD domain controller for the AD-specific tests (strong auth, binary GUIDs, naming
// contexts, global catalog), provisioned into a temp directory and run in the foreground as our child.
// Samba's LDAP ports are fixed (389, 636, 3268, 3269: smb.conf has no option to move them; docs/facts/libraries.md §4),
// so it binds them on the loopback interface only, needs root, and only one such DC can run per machine.
// A missing Samba or a busy port is an error, never a skip.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SAMBA = '/usr/sbin/samba';
export const SAMBA_TOOL = '/usr/bin/samba-tool';
export const SAMBA_LDAP_PORTS = [389, 636, 3268, 3269] as const;

export interface SambaOptions {
  realm: string;
  domain: string;
  adminPassword: string;
  /** Server certificate (PEM) for the names the tests connect to, its key and CA. */
  tls: { cert: string; key: string; ca: string };
}

export interface RunningSamba {
  host: '127.0.0.1';
  baseDn: string;
  realm: string;
  domain: string;
  adminDn: string;
  adminPassword: string;
  dir: string;
  /** Seconds spent provisioning and until LDAPS answered. */
  timings: { provision: number; start: number };
  stop(): Promise<void>;
}

export function assertSambaInstalled(): void {
  for (const binary of [SAMBA, SAMBA_TOOL]) {
    if (!existsSync(binary)) {
      throw new Error(
        `${binary} is missing: the Samba AD tests need it. Install with \`apt-get install -y samba smbclient ldb-tools\` (.ci/run does this).`,
      );
    }
  }
  if (process.getuid?.() !== 0) {
    throw new Error('The Samba AD DC must run as root (it binds LDAP ports 389/636/3268/3269, which Samba cannot move).');
  }
}

async function assertPortsFree(): Promise<void> {
  for (const port of SAMBA_LDAP_PORTS) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) {
      throw new Error(
        `127.0.0.1:${port} is busy. Samba AD always listens on 389, 636, 3268 and 3269; stop whatever holds the port (another Samba DC or an LDAP server) and run again.`,
      );
    }
  }
}

export async function startSambaDc(options: SambaOptions): Promise<RunningSamba> {
  assertSambaInstalled();
  await assertPortsFree();
  const dir = await mkdtemp(path.join(tmpdir(), 'hr-samba-'));
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, options: SambaOptions): Promise<RunningSamba> {
  const target = path.join(dir, 'dc');
  const tlsDir = path.join(dir, 'tls');
  await mkdir(tlsDir);
  await writeFile(path.join(tlsDir, 'cert.pem'), options.tls.cert);
  await writeFile(path.join(tlsDir, 'ca.pem'), options.tls.ca);
  await writeFile(path.join(tlsDir, 'key.pem'), options.tls.key);
  await chmod(path.join(tlsDir, 'key.pem'), 0o600); // Samba refuses a key that others may read

  const provisionStarted = Date.now();
  const provision = spawnSync(
    SAMBA_TOOL,
    [
      'domain',
      'provision',
      `--targetdir=${target}`,
      `--realm=${options.realm}`,
      `--domain=${options.domain}`,
      '--server-role=dc',
      '--dns-backend=NONE',
      '--use-rfc2307',
      `--adminpass=${options.adminPassword}`,
      '--host-name=dc1',
      '--host-ip=127.0.0.1',
      '--option=interfaces=lo',
      '--option=bind interfaces only=yes',
      '--option=server services=ldap',
      '--option=dsdb:schema update allowed=true',
      `--option=log file=${dir}/log.%m`,
      `--option=pid directory=${dir}/run`,
      `--option=tls certfile=${tlsDir}/cert.pem`,
      `--option=tls keyfile=${tlsDir}/key.pem`,
      `--option=tls cafile=${tlsDir}/ca.pem`,
    ],
    { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
  );
  if (provision.status !== 0) throw new Error(`samba-tool domain provision failed (${provision.status}): ${provision.stderr.slice(-2000)}`);
  const provisionSeconds = (Date.now() - provisionStarted) / 1000;
  await mkdir(path.join(dir, 'run'), { recursive: true });

  const startStarted = Date.now();
  const logFile = path.join(dir, 'samba.log');
  const log = openSync(logFile, 'a');
  // Its own process group (detached) so that stop() ends the root process and its prefork children together.
  const child = spawn(SAMBA, ['-i', '--no-process-group', '-s', path.join(target, 'etc/smb.conf')], {
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const stop = async () => {
    await stopGroup(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForLdaps(child, () => readFileSync(logFile, 'utf8'));
  } catch (error) {
    await appendFile(logFile, '').catch(() => undefined);
    await stop();
    throw error;
  }
  const baseDn = options.realm
    .toLowerCase()
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');
  let stopped = false;
  return {
    host: '127.0.0.1',
    baseDn,
    realm: options.realm,
    domain: options.domain,
    adminDn: `CN=Administrator,CN=Users,${baseDn}`,
    adminPassword: options.adminPassword,
    dir,
    timings: { provision: provisionSeconds, start: (Date.now() - startStarted) / 1000 },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stop();
    },
  };
}

/** LDAPS answers a TLS handshake once the LDAP server (and its TLS setup) is up. */
async function waitForLdaps(child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`samba exited with ${child.exitCode}: ${log().slice(-2000)}`);
    if (await tlsAnswers(636)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Samba did not answer LDAPS on 127.0.0.1:636 within 30 s: ${log().slice(-2000)}`);
}

async function tlsAnswers(port: number): Promise<boolean> {
  const tls = await import('node:tls');
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

/**
 * Ends the whole process group and waits until no member runs. The root process exits before its pre-fork
 * workers; returning then left workers holding the LDAP ports and writing into the provision directory, so
 * removing it failed now and then with ENOTEMPTY (on Node 20 and 24 alike).
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (!group) return;
  signalGroup(group, 'SIGTERM');
  const killAt = Date.now() + 5_000;
  const giveUpAt = killAt + 5_000;
  let killed = false;
  for (let running = runningMembers(group); running.length > 0; running = runningMembers(group)) {
    if (!killed && Date.now() > killAt) {
      signalGroup(group, 'SIGKILL');
      killed = true;
    }
    if (Date.now() > giveUpAt) throw new Error(`Samba processes ${running.join(', ')} survived SIGKILL for 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // already gone
  }
}

/**
 * Members of the group that still run, from /proc (Samba tests are Linux-only). Zombies are left out: the
 * orphaned tfork waiters stay defunct until init reaps them (seconds here), and they hold nothing.
 */
function runningMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return []; // exited while we looked
      }
      // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return pgrp === String(group) && state !== 'Z' && state !== 'X' ? [Number(pid)] : [];
    });
}
