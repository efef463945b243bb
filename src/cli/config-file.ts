// The --config file: YAML or JSON carrying any option of assess/collect (the keys the option registry declares:
// camelCase, plural for the repeatable ones), plus `apis:`, `pools:` and `exceptions:`. The shape is checked here;
// the values go through the same parsers as the flags (./resolve-*.ts), so a bad value names its key either way.
// Paths in the file are relative to the file's own folder, so a config works from any working directory.
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { parseDocument as parseYamlDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { readTextFile } from '../read-text-file.js';
import { formatFirstIssue } from '../validation.js';
import { type ConfigOptionValues, configEntries } from './option-registry.js';

const ApiCall = z.union([z.string(), z.strictObject({ method: z.string(), url: z.string() })], {
  error: 'expected "METHOD /path" (e.g. "GET /v1.0/me/messages") or {method, url}',
});

const Pool = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().nullable().optional(),
  members: z.array(z.string().min(1)).min(1, 'a pool lists at least one member'),
});

/** An accepted risk: a check (optionally one subject of it) the organization knowingly leaves failing. */
const RiskException = z.strictObject({
  check: z.string().min(1),
  subject: z.string().min(1).optional(),
  reason: z.string().min(1),
  owner: z.string().min(1),
  ticket: z.string().min(1).optional(),
  /** The last day the exception is in force, compared with the assessment date. */
  expires: z.iso.date({ error: 'expected a date as YYYY-MM-DD' }),
});
export type RiskException = z.infer<typeof RiskException>;

/** Everything a config file may hold: each option's key as the registry declares it, plus the declarations. */
export type ConfigFile = ConfigOptionValues & {
  apis?: z.infer<typeof ApiCall>[];
  pools?: z.infer<typeof Pool>[];
  exceptions?: RiskException[];
};
export type ConfigKey = keyof ConfigFile;

const optionKeys = configEntries();
const ConfigFileSchema = z
  .strictObject({
    ...Object.fromEntries(optionKeys.map((entry) => [entry.key, entry.schema])),
    apis: z.array(ApiCall),
    pools: z.array(Pool),
    exceptions: z.array(RiskException),
  })
  .partial();
export const CONFIG_KEYS = Object.keys(ConfigFileSchema.shape) as ConfigKey[];

/** Keys whose values are paths, resolved against the config file's folder. */
const PATH_KEYS = optionKeys.filter((entry) => entry.path).map((entry) => entry.key);

export interface LoadedConfig {
  /** The path as given, for messages. */
  file: string;
  /** The folder relative paths in the file are resolved against. */
  baseDir: string;
  values: ConfigFile;
}

export async function readConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const absolute = resolvePath(cwd, file);
  const source = await readTextFile(absolute, (why, cause) => new ConfigError(`cannot read config ${file}: ${why}`, { cause }));
  return parseConfig(source, file, dirname(absolute));
}

export function parseConfig(source: string, file: string, baseDir: string): LoadedConfig {
  const value = parseDocument(source, file);
  if (value === null || value === undefined) return { file, baseDir, values: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`config ${file} must be a mapping of option names to values (e.g. "namespaces: [mail.contoso.com]")`);
  }
  const parsed = ConfigFileSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`config ${file}: ${formatFirstIssue(parsed.error, value)}${hintFor(parsed.error)}`);
  const values: Record<string, unknown> = { ...parsed.data };
  for (const key of PATH_KEYS) {
    const given = values[key];
    // `-` is standard input for the secret files, not a file named "-".
    if (typeof given === 'string' && given !== '-') values[key] = resolvePath(baseDir, given);
  }
  return { file, baseDir, values: values as ConfigFile };
}

function parseDocument(source: string, file: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(source);
    } catch (error) {
      throw new ConfigError(`config ${file} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  // Errors and warnings (an unknown tag such as !!js/function) both refuse the file, in one line: yaml's parse()
  // would print a warning through process.emitWarning and carry on with a guess.
  const document = parseYamlDocument(source, { prettyErrors: false });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const first = problem.message.split('\n')[0];
    throw new ConfigError(`config ${file} is not valid YAML: ${first}`, { cause: problem });
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(`config ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

const secretKeys: Record<string, string> = {
  bindPassword: 'bindPassword',
  password: 'bindPassword',
  clientSecret: 'clientSecret',
  graphToken: 'graphToken',
  token: 'graphToken',
};

/** For an unknown key: the key that was probably meant, or where a secret belongs. */
function hintFor(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code !== 'unrecognized_keys' || issue.path.length > 0) return '';
  const key = issue.keys[0] ?? '';
  const secretHome = secretKeys[key];
  if (secretHome)
    return `; secrets are never read from the config file: put the value in a file readable by its owner only and name it with ${secretHome}File, or in an environment variable named by ${secretHome}Env`;
  const similar = CONFIG_KEYS.find(
    (known) => known === `${key}s` || known === `${key}es` || `${known}s` === key || distance(known.toLowerCase(), key.toLowerCase()) <= 2,
  );
  return similar ? ` (did you mean "${similar}"?)` : `; known keys: ${CONFIG_KEYS.join(', ')}`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}
