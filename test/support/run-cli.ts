// Spawning the built CLI (dist/, built by `npm test` first) for end-to-end tests: exit code, stdout, stderr.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './scenario-reports.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const bin = join(repoRoot, 'bin', 'hybrid-readiness.js');

export function assertBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'hybrid-readiness.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const base: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined };
  const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repoRoot, env: merged, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function scenarioInventoryPath(name: string): string {
  return join(repoRoot, 'fixtures', 'scenarios', name, 'inventory.json');
}

/** The one line a command printed on stderr (failing the test when there are more or none). */
export function oneLine(text: string): string {
  const lines = text.split('\n').filter((line) => line !== '');
  expect(lines, `expected exactly one line on stderr, got:\n${text}`).toHaveLength(1);
  return lines[0] as string;
}
