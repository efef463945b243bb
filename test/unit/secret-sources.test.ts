// Where a secret comes from: a file (mode-checked, read once, its line break dropped), standard input, a prompt on a
// terminal, or an environment variable — one source per secret, stdin for one secret at most, and the prompt only
// when a person is there. The real terminal and pipe are exercised end to end in test/e2e/secrets.test.ts; here a
// SecretInput stands in for standard input so each rule is seen on its own.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cli/config-file.js';
import type { RawFlags } from '../../src/cli/flags.js';
import { refuseEmptyTarget, resolveCollectOptions } from '../../src/cli/resolve-collect.js';
import { readSecretFile } from '../../src/cli/secret-file.js';
import { OptionSources } from '../../src/cli/sources.js';
import type { SecretInput } from '../../src/cli/terminal-input.js';

const BIND = { bindDn: 'CN=svc,DC=contoso,DC=com', ldapUrl: 'ldaps://dc01.contoso.com' };
const APP = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hr-secret-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function secretFile(name: string, content: string | Buffer, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

/** Standard input: piped text, or a terminal whose prompts are answered in order (and recorded). */
function input(kind: { piped: string } | { typed: string[] }): SecretInput & { questions: string[] } {
  const questions: string[] = [];
  const answers = 'typed' in kind ? [...kind.typed] : [];
  return {
    isTTY: 'typed' in kind,
    questions,
    readAll: async () => ('piped' in kind ? kind.piped : ''),
    promptHidden: async (question) => {
      questions.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error('asked more than the test answers');
      return answer;
    },
  };
}

const resolve = (flags: RawFlags, stdin?: SecretInput, env: Record<string, string> = {}) =>
  resolveCollectOptions(new OptionSources(flags, null), env, dir, stdin);

describe('secret files', () => {
  it('reads the file once, without its trailing line break or a BOM', async () => {
    expect(await readSecretFile(await secretFile('lf', 'hunter2-pw\n'), '--x')).toBe('hunter2-pw\n');
    const options = await resolve({ ...BIND, bindPasswordFile: await secretFile('crlf', '\uFEFFhunter2-pw\r\n') });
    expect(options.secrets.bindPassword).toBe('hunter2-pw');
    expect(options.bindPasswordEnv).toBeNull();
  });

  it('refuses a file others can read, with the chmod that fixes it; Windows is not judged by mode bits', async () => {
    const group = await secretFile('group readable', 'hunter2-pw', 0o640);
    await expect(readSecretFile(group, '--bind-password-file')).rejects.toThrow(
      `--bind-password-file: cannot read the secret from ${group}: its group can read or change it (mode 0640); a secret file must be readable by its owner only: chmod 600 '${group}'`,
    );
    const world = await secretFile('world', 'hunter2-pw', 0o644);
    await expect(readSecretFile(world, '--x')).rejects.toThrow(/every user can read or change it \(mode 0644\).*chmod 600 .*world/);
    expect(await readSecretFile(world, '--x', 'win32')).toBe('hunter2-pw');
    expect(await readSecretFile(await secretFile('owner-only', 'hunter2-pw', 0o400), '--x')).toBe('hunter2-pw');
  });

  it('names what is wrong without the value: missing, a folder, empty, several lines, too big', async () => {
    await expect(resolve({ ...BIND, bindPasswordFile: 'nope' })).rejects.toThrow(
      /--bind-password-file: cannot read the secret from .*nope: no such file/,
    );
    await mkdir(join(dir, 'folder'), { recursive: true });
    await expect(readSecretFile(join(dir, 'folder'), '--x')).rejects.toThrow(/it is a directory/);
    await expect(resolve({ ...BIND, bindPasswordFile: await secretFile('empty', '\n') })).rejects.toThrow(
      /--bind-password-file \(.*empty\) gave an empty secret/,
    );
    const twoLines = resolve({ ...BIND, bindPasswordFile: await secretFile('two', 'first-line\nsecond-line\n') });
    await expect(twoLines).rejects.toThrow(/holds more than one line/);
    await expect(twoLines).rejects.not.toThrow(/first-line|second-line/);
    await expect(readSecretFile(await secretFile('big', Buffer.alloc(70_000, 'a')), '--x')).rejects.toThrow(/more than 64 KB/);
  });

  it('a config file names the file (relative to itself) or stdin, never the value', async () => {
    await secretFile('graph.token', 'eyJ0eXAi.token-from-file\n');
    const config = parseConfig('graphTokenFile: graph.token\n', 'hr.yaml', dir);
    const options = await resolveCollectOptions(new OptionSources({}, config), {}, '/', undefined);
    expect(options.secrets.graphToken).toBe('eyJ0eXAi.token-from-file');
    expect(parseConfig('clientSecretFile: "-"\n', 'hr.yaml', dir).values.clientSecretFile).toBe('-');
    expect(() => parseConfig('clientSecret: abc\n', 'hr.yaml', dir)).toThrow(/name it with clientSecretFile, or .* clientSecretEnv/);
  });
});

describe('stdin and the prompt', () => {
  it('- reads the one secret from piped stdin', async () => {
    const options = await resolve({ ...APP, clientSecretFile: '-' }, input({ piped: 'app-secret-value\n' }));
    expect(options.secrets.clientSecret).toBe('app-secret-value');
    await expect(resolve({ ...APP, clientSecretFile: '-' })).rejects.toThrow(
      /--client-secret-file \(stdin\): this run has no standard input/,
    );
  });

  it('- on a terminal asks without echo instead of reading the terminal plainly', async () => {
    const stdin = input({ typed: ['typed-secret'] });
    expect((await resolve({ graphTokenFile: '-' }, stdin)).secrets.graphToken).toBe('typed-secret');
    expect(stdin.questions).toEqual(['--graph-token-file: ']);
  });

  it('only one secret may come from stdin', async () => {
    await expect(resolve({ ...BIND, ...APP, bindPasswordFile: '-', clientSecretFile: '-' }, input({ piped: 'x' }))).rejects.toThrow(
      '--bind-password-file and --client-secret-file both read from stdin; only one secret can come from stdin',
    );
  });

  it('a source that needs a secret and names none is asked for it on a terminal, after everything else was accepted', async () => {
    const stdin = input({ typed: ['bind-typed', 'app-typed'] });
    const options = await resolve({ ...BIND, ...APP }, stdin);
    expect(options.secrets).toMatchObject({ bindPassword: 'bind-typed', clientSecret: 'app-typed' });
    expect(stdin.questions).toEqual([
      'The bind password for CN=svc,DC=contoso,DC=com: ',
      'The client secret of application 11111111-2222-3333-4444-555555555555: ',
    ]);
    const unasked = input({ typed: [] });
    await expect(resolve({ ...BIND, timeout: 'soon' }, unasked)).rejects.toThrow(/--timeout/);
    expect(unasked.questions).toEqual([]);
  });

  it('without a terminal nothing is asked: the bind name without a password is refused, naming the ways to give one', async () => {
    await expect(resolve(BIND, input({ piped: '' }))).rejects.toThrow(
      '--bind-dn: needs the password: --bind-password-file FILE (- for stdin) or --bind-password-env VAR, or run it in a terminal to be asked',
    );
    // An application without a credential is left to the Graph collector, which records why it could not sign in.
    expect((await resolve(APP, input({ piped: '' }))).secrets.clientSecret).toBeNull();
  });

  it('one source per secret: the variable and the file together are refused', async () => {
    await expect(resolve({ ...BIND, bindPasswordEnv: 'HR_PW', bindPasswordFile: '-' }, undefined, { HR_PW: 'x' })).rejects.toThrow(
      '--bind-password-file cannot be combined with --bind-password-env; name one source',
    );
  });
});

describe('nothing to assess', () => {
  it('refuses a live run with no target, source or Graph access; a DNS-only or Graph-only run goes ahead', () => {
    expect(() => refuseEmptyTarget(new OptionSources({ resolver: ['127.0.0.1:53'] }, null), 'assess')).toThrow(
      /^nothing to assess: give --domain, --namespace, --mailbox, --ldap-url or --ad-domain, Graph access .*--from-inventory FILE.*`hybrid-readiness demo`/,
    );
    expect(() => refuseEmptyTarget(new OptionSources({}, null), 'collect')).toThrow(/^nothing to collect: (?!.*from-inventory)/);
    expect(() => refuseEmptyTarget(new OptionSources({ domain: ['contoso.com'] }, null), 'assess')).not.toThrow();
    expect(() => refuseEmptyTarget(new OptionSources({ graphTokenFile: 'token' }, null), 'assess')).not.toThrow();
    const config = parseConfig('namespaces: mail.contoso.com\n', 'hr.yaml', dir);
    expect(() => refuseEmptyTarget(new OptionSources({}, config), 'assess')).not.toThrow();
  });
});
