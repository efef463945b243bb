// Fault catalogue, LDAP/LDAPS and the command line itself: hostile directory endpoints on loopback (closed, silent,
// resetting, speaking garbage, an untrusted certificate), secrets typed where a variable name belongs, outputs that
// cannot be written, and input files that are too large, of unknown shape or carrying YAML tags.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '../../src/lab/pki.js';
import { scenarioInventoryPath } from '../support/run-cli.js';
import { expectSound, FAULT_TIMEOUT_MS, runFault, statusOf } from './support/run-fault.js';

const LDAP_CHECK = 'exchange-2016-cu3';
const servers: Server[] = [];
let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'hr-input-faults-'));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

const sockets = new Set<Socket>();

async function listen(server: Server, address: string): Promise<number> {
  servers.push(server);
  // The silent servers never end their connections: they are ended here, so that close() can finish.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, address, () => resolve()));
  return (server.address() as { port: number }).port;
}

function ldap(url: string) {
  return runFault([
    'assess',
    '--ldap-url',
    url,
    '--bind-dn',
    'CN=svc,DC=contoso,DC=test',
    '--bind-password-env',
    'LDAP_PW',
    '--only',
    LDAP_CHECK,
    '--format',
    'json',
    '--timeout',
    String(FAULT_TIMEOUT_MS),
  ]);
}

describe('fault catalogue: LDAP and LDAPS', () => {
  const silent = () => createServer((socket) => socket.on('error', () => undefined));
  const resetting = () => createServer((socket) => socket.resetAndDestroy());
  const garbage = () => createServer((socket) => socket.end(Buffer.alloc(64, 0xff)));

  it.each([
    ['LDAPS port closed', async () => 'ldaps://127.0.5.1:9'],
    ['LDAPS black hole', async () => `ldaps://127.0.5.2:${await listen(silent(), '127.0.5.2')}`],
    ['LDAP (StartTLS) black hole', async () => `ldap://127.0.5.3:${await listen(silent(), '127.0.5.3')}`],
    ['LDAPS reset', async () => `ldaps://127.0.5.4:${await listen(resetting(), '127.0.5.4')}`],
    ['LDAP garbage instead of a StartTLS answer', async () => `ldap://127.0.5.5:${await listen(garbage(), '127.0.5.5')}`],
    [
      'LDAPS with a certificate nobody trusts',
      async () => {
        const untrusted = await createCertificateAuthority('untrusted LDAP CA');
        const certificate = await untrusted.issue({ names: ['127.0.5.6'] });
        const server = createTlsServer({ cert: certificate.cert, key: certificate.key }, (socket) => socket.on('error', () => undefined));
        server.on('tlsClientError', () => undefined);
        return `ldaps://127.0.5.6:${await listen(server, '127.0.5.6')}`;
      },
    ],
  ])('%s → exit 2, error, the password never sent or shown', async (_name, url) => {
    const run = await ldap(await url());
    expectSound(run);
    expect(run.code).toBe(2);
    expect(statusOf(run, LDAP_CHECK)).toBe('error');
  });
});

describe('fault catalogue: the command line', () => {
  it.each(['--bind-password-env', '--client-secret-env', '--graph-token-env'])(
    'a secret typed as the value of %s is refused without being printed, even with --debug',
    async (flag) => {
      const typed = 'S3cr3t-typed-on-argv!';
      const extra =
        flag === '--bind-password-env'
          ? ['--bind-dn', 'CN=svc']
          : ['--tenant-id', 'contoso.test', '--client-id', '11111111-2222-3333-4444-555555555555'];
      const run = await runFault(['assess', '--namespace', 'mail.never-asked.test', ...extra, flag, typed, '--debug']);
      expectSound(run, FAULT_TIMEOUT_MS, { debug: true });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/not shown in case it is a secret/);
      expect(run.stderr).not.toContain('S3cr3t');
    },
  );

  it('an --output folder that does not exist is refused before anything is collected', async () => {
    const run = await runFault([
      'assess',
      '--namespace',
      'mail.never-asked.test',
      '--resolver',
      '127.0.5.9:9',
      '--output',
      'json=/nonexistent-dir/r.json',
    ]);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write \/nonexistent-dir\/r\.json: its folder \/nonexistent-dir does not exist/);
    expect(run.stderr).not.toMatch(/dns: resolving/);
  });

  it('two outputs on one path are refused', async () => {
    const run = await runFault([
      'assess',
      '--from-inventory',
      scenarioInventoryPath('ready'),
      '--output',
      'json=same.out',
      '--output',
      'html=same.out',
    ]);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/both write to \S*same\.out: the second would replace the first/);
  });

  it('one output that fails while written does not stop the others or stdout, and the exit code is 2', async () => {
    const run = await runFault([
      'assess',
      '--from-inventory',
      scenarioInventoryPath('ready'),
      '--output',
      'json=/dev/full',
      '--output',
      'html=audit.html',
      '--format',
      'json',
    ]);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write the json report to \/dev\/full/);
    expect(run.files['audit.html']).toMatch(/<html/);
    expect(JSON.parse(run.stdout).verdict).toBe('ready');
  });

  it.each([
    [
      'an inventory over the size limit',
      () => bigFile('big.json', 65 * 1024 * 1024),
      ['assess', '--from-inventory'],
      /over the 64 MB limit/,
    ],
    ['/dev/zero as the inventory', () => '/dev/zero', ['assess', '--from-inventory'], /more than the 64 MB limit/],
    [
      '/dev/zero as --ca-file',
      () => '/dev/zero',
      ['assess', '--namespace', 'mail.x.test', '--resolver', '127.0.5.9:9', '--ca-file'],
      /more than the 64 MB limit/,
    ],
    [
      'a config with a !!js/function tag',
      () => textFile('tag.yaml', 'domains: !!js/function "x"\n'),
      ['assess', '--config'],
      /Unresolved tag/,
    ],
    [
      'an inventory with an unknown top-level key',
      () => textFile('extra.json', inventoryWith({ injected: true })),
      ['assess', '--from-inventory'],
      /unknown field "injected"/,
    ],
  ])('%s is refused in one line', async (_name, file, args, message) => {
    const run = await runFault([...args, file()]);
    expectSound(run);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('an inventory full of control characters renders in every format with none of them raw', async () => {
    const hostile = inventoryWith({}, (text) => text.replaceAll('EX16-01', 'EX\\u001b]0;pwned\\u0007\\u009b2J01'), 'exchange-2016-cu2');
    expect(hostile).toContain('\\u001b]0;pwned');
    const path = textFile('hostile.json', hostile);
    for (const format of ['table', 'json', 'markdown', 'html', 'junit', 'sarif']) {
      const run = await runFault(['assess', '--from-inventory', path, '--format', format]);
      expectSound(run);
      expect(run.stdout).toContain('EX␛]0;pwned␇');
    }
  });
});

function bigFile(name: string, bytes: number): string {
  const path = join(folder, name);
  writeFileSync(path, Buffer.alloc(bytes, 0x20));
  return path;
}

function textFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function inventoryWith(extra: Record<string, unknown>, edit: (text: string) => string = (text) => text, scenario = 'ready'): string {
  const inventory = JSON.parse(edit(readFileSync(scenarioInventoryPath(scenario), 'utf8'))) as Record<string, unknown>;
  return JSON.stringify({ ...inventory, ...extra });
}
