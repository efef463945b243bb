// The commands that collect nothing load no network client and no lab code (issue 14): asserted on the modules the
// built CLI actually loads, not on time. The process is spawned with test/support/module-recorder.mjs preloaded,
// which lists every file it loads; the bundle's chunks are mapped back to the source modules they hold through the
// metafile the build writes (dist/cli/meta.json). A chunk counts as loaded with everything in it — the conservative
// reading: a network client that shares a chunk with something `checks` needs fails the test.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../support/run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recorder = join(root, 'test', 'support', 'module-recorder.mjs');
const bin = join(root, 'bin', 'hybrid-readiness.js');
const scenario = (name: string, file: string) => join(root, 'fixtures', 'scenarios', name, file);

/** What must stay unloaded, by the source path it comes from. */
const FORBIDDEN: Record<string, RegExp> = {
  undici: /^node_modules\/undici\//,
  ldapts: /^node_modules\/ldapts\//,
  'msal-node': /^node_modules\/@azure\/msal-(node|common)\//,
  dns2: /^node_modules\/dns2\//,
  '@peculiar/x509': /^node_modules\/@peculiar\//,
  'the lab': /^src\/lab\//,
};

let scratch: string;
let chunkInputs: Map<string, string[]>;

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-modules-'));
  const meta = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  chunkInputs = new Map(Object.entries(meta.outputs).map(([file, output]) => [file, Object.keys(output.inputs)]));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the built CLI and returns the source modules it loaded (repository-relative paths and node: builtins). */
async function loadedBy(args: string[], expectedCode: number): Promise<string[]> {
  const log = join(scratch, `${Math.random().toString(36).slice(2)}.log`);
  const code = await new Promise<number | null>((resolve) => {
    execFile(process.execPath, ['--import', recorder, bin, ...args], { cwd: root, env: { ...process.env, HR_MODULE_LOG: log } }, (error) =>
      resolve(error ? ((error as { code?: number }).code ?? null) : 0),
    );
  });
  expect(code, `hybrid-readiness ${args.join(' ')}`).toBe(expectedCode);
  const files = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const sources = new Set<string>();
  for (const entry of files) {
    if (entry.startsWith('node:')) {
      sources.add(entry);
      continue;
    }
    const path = relative(root, entry.startsWith('file:') ? fileURLToPath(entry) : entry);
    for (const input of chunkInputs.get(path) ?? [path]) sources.add(input);
  }
  return [...sources];
}

function forbiddenIn(sources: readonly string[]): string[] {
  return Object.entries(FORBIDDEN)
    .filter(([, pattern]) => sources.some((source) => pattern.test(source)))
    .map(([name]) => name);
}

describe('commands that collect nothing load no network client and no lab', () => {
  it.each([
    ['checks', ['checks'], 0],
    ['checks --format json', ['checks', '--format', 'json'], 0],
    ['--help', ['--help'], 0],
    ['assess --help', ['assess', '--help'], 0],
    ['report', ['report', scenario('ready', 'expected-report.json'), '--format', 'json'], 0],
    ['diff', ['diff', scenario('mid-migration', 'expected-report.json'), scenario('ready', 'expected-report.json')], 0],
    ['assess --from-inventory (json)', ['assess', '--from-inventory', scenario('ready', 'inventory.json'), '--format', 'json'], 0],
    ['assess --from-inventory (table)', ['assess', '--from-inventory', scenario('mid-migration', 'inventory.json')], 1],
  ])('%s', async (_label, args, code) => {
    const sources = await loadedBy(args as string[], code as number);
    // The recorder saw the command's own work, so an empty list cannot pass for a clean one.
    expect(sources).toContain('src/cli.ts');
    expect(forbiddenIn(sources)).toEqual([]);
  });

  it('sees what a command does load: a DNS-only assessment loads dns2 but neither undici nor the lab', async () => {
    // 127.0.0.1:9 (discard) answers nothing; the run ends `error` for the check, exit 2, within the timeout.
    const sources = await loadedBy(
      [
        'assess',
        '--namespace',
        'mail.contoso.test',
        '--resolver',
        '127.0.0.1:9',
        '--only',
        'client-namespace-public-dns',
        '--timeout',
        '300',
      ],
      2,
    );
    expect(forbiddenIn(sources)).toEqual(['dns2']);
  });

  it('sees the lab when a command loads it: demo --list', async () => {
    const sources = await loadedBy(['demo', '--list'], 0);
    expect(forbiddenIn(sources)).toContain('the lab');
  });
});
