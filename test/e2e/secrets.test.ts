// Every way a secret reaches the built CLI, against the loopback lab's real LDAPS directory and Graph sign-in:
// a password file (0600), the client secret piped on stdin, a Graph token file, and — in a real pseudo-terminal made
// by util-linux `script` — the prompt, typed only after it appears (so a terminal that echoed would show it). Each
// run must work (the bind and the sign-in succeed: the checks that need them pass) and must write the secret nowhere:
// not stdout, not stderr with --debug, not a report in any format, not the saved inventory.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quote } from '../../src/cli/shell-command.js';
import { type RunningLab, startLab } from '../../src/lab/lab.js';
import { LAB_CLIENT_ID } from '../../src/lab/scenario-graph.js';
import { TENANT_ID } from '../../src/lab/scenarios/contoso.js';
import { Report } from '../../src/report/report.js';
import { assertBuilt } from '../support/run-cli.js';
import { repoRoot } from '../support/scenario-reports.js';

const bin = join(repoRoot, 'bin', 'hybrid-readiness.js');
const FORMATS = { markdown: 'md', html: 'html', junit: 'junit.xml', sarif: 'sarif', table: 'txt' } as const;

let lab: RunningLab;
let scratch: string;
let bindPassword: string;
let clientSecret: string;
/** The lab's assess command without its two `--…-env VAR` secret flags. */
let baseArgs: string[];

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-secrets-'));
  lab = await startLab('ready');
  const env = Object.entries(lab.assess.env);
  bindPassword = lab.assess.env['LAB_BIND_PASSWORD'] as string;
  clientSecret = lab.assess.env['LAB_CLIENT_SECRET'] as string;
  expect(env).toHaveLength(2);
  baseArgs = [];
  for (let index = 0; index < lab.assess.args.length; index++) {
    const arg = lab.assess.args[index] as string;
    if (arg === '--bind-password-env' || arg === '--client-secret-env') index++;
    else baseArgs.push(arg);
  }
});
afterAll(async () => {
  await lab?.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(command: string, args: string[], stdin: (child: ReturnType<typeof spawn>, output: () => string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: scratch, env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    stdin(child, () => stdout);
  });
}

/** Every report format to a file, the inventory saved, JSON on stdout, --debug on stderr. */
function outputArgs(folder: string): string[] {
  const args = ['--format', 'json', '--debug', '--save-inventory', join(folder, 'inventory.json')];
  for (const [format, extension] of Object.entries(FORMATS)) args.push('--output', `${format}=${join(folder, `report.${extension}`)}`);
  return args;
}

async function everythingWritten(folder: string, run: Run): Promise<string[]> {
  const files = await readdir(folder);
  expect(files.sort()).toEqual(['inventory.json', ...Object.values(FORMATS).map((extension) => `report.${extension}`)].sort());
  return [run.stdout, run.stderr, ...(await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8'))))];
}

function statusOf(report: Report, id: string): string | undefined {
  return report.results.find((result) => result.id === id)?.status;
}

describe('secrets from files, stdin and a token file', () => {
  it('a 0600 password file and the client secret on stdin: both work, neither is written anywhere', async () => {
    const folder = await mkdtemp(join(scratch, 'file-stdin-'));
    const passwordFile = join(scratch, 'bind-password');
    await writeFile(passwordFile, `${bindPassword}\n`);
    await chmod(passwordFile, 0o600);
    const args = [bin, ...baseArgs, '--bind-password-file', passwordFile, '--client-secret-file', '-', ...outputArgs(folder)];
    const run = await spawnCli(process.execPath, args, (child) => child.stdin?.end(`${clientSecret}\n`));
    expect(run.code, run.stderr).toBe(0);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(report.verdict).toBe('ready');
    // The bind worked (directory checks pass) and the sign-in worked (Graph's sync state was read).
    expect(statusOf(report, 'exchange-2016-cu3')).toBe('pass');
    expect(statusOf(report, 'directory-sync')).toBe('pass');
    expect(run.stderr).toContain('[debug]');
    for (const text of await everythingWritten(folder, run)) {
      expect(text).not.toContain(bindPassword);
      expect(text).not.toContain(clientSecret);
    }
  });

  it('a group-readable password file is refused before anything is collected, with the chmod that fixes it', async () => {
    const loose = join(scratch, 'loose-password');
    await writeFile(loose, bindPassword);
    await chmod(loose, 0o644);
    const run = await spawnCli(process.execPath, [bin, ...baseArgs, '--bind-password-file', loose], (child) => child.stdin?.end());
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `hybrid-readiness: --bind-password-file: cannot read the secret from ${loose}: every user can read or change it (mode 0644); a secret file must be readable by its owner only: chmod 600 ${loose}`,
    ]);
  });

  it('a ready Graph token from a file signs nothing in and reads Graph; the token is written nowhere', async () => {
    const graph = lab.graph!;
    const answer = await request(`${graph.loginUrl}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: LAB_CLIENT_ID,
        client_secret: clientSecret,
        scope: `${graph.graphUrl}/.default`,
      }).toString(),
      dispatcher: new Agent({ connect: { ca: await readFile(lab.caFile, 'utf8') } }),
    });
    const token = ((await answer.body.json()) as { access_token: string }).access_token;
    expect(token.length).toBeGreaterThan(100);
    const tokenFile = join(scratch, 'graph-token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
    const passwordFile = join(scratch, 'bind-password');
    const folder = await mkdtemp(join(scratch, 'token-'));
    const withoutApp = baseArgs.filter(
      (_, index) =>
        !['--tenant-id', '--client-id'].includes(baseArgs[index - 1] ?? '') &&
        !['--tenant-id', '--client-id'].includes(baseArgs[index] ?? ''),
    );
    const args = [bin, ...withoutApp, '--bind-password-file', passwordFile, '--graph-token-file', tokenFile, ...outputArgs(folder)];
    const run = await spawnCli(process.execPath, args, (child) => child.stdin?.end());
    expect(run.code, run.stderr).toBe(0);
    expect(statusOf(Report.parse(JSON.parse(run.stdout)), 'directory-sync')).toBe('pass');
    const tokenBody = token.split('.')[2] as string;
    for (const text of await everythingWritten(folder, run)) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(tokenBody);
    }
  });
});

describe('the prompt, in a real pseudo-terminal', () => {
  it('asks for the bind password and the client secret without echoing them; the run then works', async () => {
    const folder = await mkdtemp(join(scratch, 'prompt-'));
    const command = [process.execPath, bin, ...baseArgs, ...outputArgs(folder)].map((arg) => quote(arg, 'posix')).join(' ');
    const answered = new Set<string>();
    const run = await spawnCli('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], (child, output) => {
      const prompts: [string, string][] = [
        ['The bind password for CN=svc-hybridcheck', bindPassword],
        ['The client secret of application', clientSecret],
      ];
      // Answer each prompt only once it is on the screen: typed earlier, a cooked terminal would echo it.
      const poll = setInterval(() => {
        for (const [prompt, answer] of prompts) {
          if (!answered.has(prompt) && output().includes(prompt)) {
            answered.add(prompt);
            child.stdin?.write(`${answer}\r`);
          }
        }
      }, 50);
      child.on('close', () => clearInterval(poll));
    });
    expect([...answered]).toHaveLength(2);
    expect(run.code, run.stdout).toBe(0);
    const screen = run.stdout;
    expect(screen).toContain('"verdict": "ready"');
    expect(screen).not.toContain(bindPassword);
    expect(screen).not.toContain(clientSecret);
    for (const text of await everythingWritten(folder, { ...run, stdout: '' })) {
      expect(text).not.toContain(bindPassword);
      expect(text).not.toContain(clientSecret);
    }
  });
});
