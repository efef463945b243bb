// The npm package as a user gets it: packed from a copy of this checkout (so the pack's own build cannot disturb the
// dist/ other tests run), it holds the executable, the built code without source maps, the schema and the scenario
// inventories — no tests, no golden reports, no sources — and installed into a fresh prefix it neither builds nor
// warns about a build, and runs `demo` and a replay from another folder.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/scenario-reports.js';

const run = promisify(execFile);

let scratch: string;
let files: string[];
let tarball: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hr-package-'));
  const copy = join(scratch, 'checkout');
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(join(copy, file, '..'), { recursive: true });
    await cp(join(repoRoot, file), join(copy, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // a file deleted in the work tree but not yet in git
    });
  }
  await symlink(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
  const [result] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = result!.files.map((file) => file.path);
  tarball = join(scratch, result!.filename);
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('carries the executable, the built code, the schema and the scenario inventories', () => {
    for (const needed of [
      'package.json',
      'README.md',
      'bin/hybrid-readiness.js',
      'dist/src/cli.js',
      'dist/checks/index.js',
      'dist/src/lab/lab.js',
      'schema/report.schema.json',
      'fixtures/scenarios/ready/inventory.json',
      'fixtures/scenarios/mid-migration/README.md',
    ]) {
      expect(files, needed).toContain(needed);
    }
  });

  it('carries no tests, golden reports, sources, source maps or build scripts', () => {
    const unwanted = files.filter(
      (file) =>
        /^(test|src|checks|bench|scripts\/(?!collect-ems\.ps1$)|ci-templates)\//.test(file) ||
        /expected(-report)?\.|\.map$|\.ts$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });
});

describe('the installed package', () => {
  it('installs without building, and runs demo and a replay from another folder', async () => {
    const prefix = join(scratch, 'prefix');
    // From the npm cache that `npm ci` filled; the registry only for what the cache lacks.
    const installed = await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts', tarball],
      { cwd: scratch, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
    );
    const log = `${installed.stdout}\n${installed.stderr}`;
    expect(log).not.toMatch(/prepare|build\.mjs|esbuild/);

    const elsewhere = await mkdtemp(join(scratch, 'elsewhere-'));
    const executable = join(prefix, 'bin', 'hybrid-readiness');
    const demo = await run(executable, ['demo', '--format', 'markdown', '--quiet'], { cwd: elsewhere, timeout: 60_000 }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect((demo as { code?: number }).code, demo.stderr).toBe(1);
    expect(demo.stdout).toContain('NOT READY');

    const inventory = join(prefix, 'lib', 'node_modules', 'hybrid-readiness', 'fixtures', 'scenarios', 'ready', 'inventory.json');
    const replay = await run(executable, ['assess', '--from-inventory', inventory, '--format', 'json', '--quiet'], { cwd: elsewhere });
    expect(JSON.parse(replay.stdout).verdict).toBe('ready');
    const version = await run(executable, ['--version'], { cwd: elsewhere });
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).version);
  }, 360_000);
});
