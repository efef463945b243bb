// Where each secret of a live run comes from: an environment variable (--bind-password-env VAR), a file
// (--bind-password-file FILE), standard input (--bind-password-file -) or, on a terminal, a prompt that does not echo.
// A secret is read once, here, and kept only in memory (options.secrets); the CLI adds it to the SecretScrubber
// before anything else is written. Messages name the source, never the value.
import { resolve as resolvePath } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { readSecretFile } from './secret-file.js';
import { describeOrigin, type Given, type OptionSources, parseGiven } from './sources.js';
import type { SecretInput } from './terminal-input.js';
import * as values from './values.js';

export type SecretKind = 'bindPassword' | 'clientSecret' | 'graphToken';

/** The option pair of each secret, and how a prompt names it. */
const SECRET_OPTIONS = {
  bindPassword: { env: 'bindPasswordEnv', file: 'bindPasswordFile', what: 'the bind password' },
  clientSecret: { env: 'clientSecretEnv', file: 'clientSecretFile', what: 'the client secret' },
  graphToken: { env: 'graphTokenEnv', file: 'graphTokenFile', what: 'the Graph access token' },
} as const satisfies Record<SecretKind, { env: string; file: string; what: string }>;

export type SecretSource =
  | { kind: 'env'; given: Given; variable: string }
  | { kind: 'file'; given: Given; path: string }
  | { kind: 'stdin'; given: Given }
  | { kind: 'prompt'; question: string };

export interface SecretEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  stdin: SecretInput | undefined;
}

/** A source the user named (not the prompt), with the flag or config key that named it. */
export type NamedSecretSource = Exclude<SecretSource, { kind: 'prompt' }>;

/** The source the flags or config give for `kind`, or null; giving both the variable and the file is refused. */
export function givenSecretSource(sources: OptionSources, kind: SecretKind): NamedSecretSource | null {
  const { env, file } = SECRET_OPTIONS[kind];
  const fromEnv = sources.scalar(env, env);
  const fromFile = sources.scalar(file, file);
  if (fromEnv && fromFile) {
    throw new UsageError(`${describeOrigin(fromFile.origin)} cannot be combined with ${describeOrigin(fromEnv.origin)}; name one source`);
  }
  if (fromEnv) return { kind: 'env', given: fromEnv, variable: parseGiven(fromEnv, values.environmentVariableName) };
  if (!fromFile) return null;
  if (fromFile.value.trim() === '') throw new UsageError(`${describeOrigin(fromFile.origin)}: expected a file name, or - for stdin`);
  return fromFile.value === '-' ? { kind: 'stdin', given: fromFile } : { kind: 'file', given: fromFile, path: fromFile.value };
}

/** A prompt for `kind` when the run needs the secret, none was named and a person is at the terminal; else null. */
export function promptFor(kind: SecretKind, stdin: SecretInput | undefined, detail: string): SecretSource | null {
  return stdin?.isTTY ? { kind: 'prompt', question: `${capitalised(SECRET_OPTIONS[kind].what)} ${detail}: ` } : null;
}

/** Standard input can feed one secret only: two `-` would each get part of nothing. */
export function refuseSharedStdin(chosen: readonly (SecretSource | null)[]): void {
  const readers = chosen.filter((source): source is Extract<SecretSource, { kind: 'stdin' }> => source?.kind === 'stdin');
  if (readers.length > 1) {
    throw new UsageError(
      `${readers.map((source) => describeOrigin(source.given.origin)).join(' and ')} both read from stdin; only one secret can come from stdin — put the others in files`,
    );
  }
}

/** Reads the secret once. A file's or pipe's trailing line break is not part of it. */
export async function readSecret(source: SecretSource, cwd: string, environment: SecretEnvironment): Promise<string> {
  const { value, from } = await readRaw(source, cwd, environment);
  const secret = value.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
  if (secret === '') throw new ConfigError(`${from} gave an empty secret; put the secret there`);
  if (/[\r\n]/.test(secret)) throw new ConfigError(`${from} holds more than one line; a secret is one line`);
  return secret;
}

async function readRaw(source: SecretSource, cwd: string, environment: SecretEnvironment): Promise<{ value: string; from: string }> {
  switch (source.kind) {
    case 'env': {
      const value = environment.env[source.variable];
      const from = `environment variable ${source.variable} (named by ${describeOrigin(source.given.origin)})`;
      if (value === undefined || value === '') throw new ConfigError(`${from} is not set or is empty; set it before running`);
      return { value, from };
    }
    case 'file': {
      const from = describeOrigin(source.given.origin);
      return { value: await readSecretFile(resolvePath(cwd, source.path), from), from: `${from} (${source.path})` };
    }
    case 'stdin': {
      const from = `${describeOrigin(source.given.origin)} (stdin)`;
      if (!environment.stdin) throw new UsageError(`${from}: this run has no standard input`);
      // On a terminal, `-` means "ask me": reading the terminal plainly would echo the secret.
      const value = environment.stdin.isTTY
        ? await environment.stdin.promptHidden(`${describeOrigin(source.given.origin)}: `)
        : await environment.stdin.readAll();
      return { value, from };
    }
    case 'prompt': {
      if (!environment.stdin) throw new UsageError('this run has no terminal to prompt on');
      return { value: await environment.stdin.promptHidden(source.question), from: 'the prompt' };
    }
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
