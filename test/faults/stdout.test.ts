// Fault catalogue, stdout itself (the built binary, spawned: only a real process has a real stdout): a full disk and
// a pipe closed early are one line on stderr and exit 2 — never an uncaught stack trace, never "not ready".
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, scenarioInventoryPath } from '../support/run-cli.js';
import { repoRoot } from '../support/scenario-reports.js';

const bin = join(repoRoot, 'bin', 'hybrid-readiness.js');
const args = [bin, 'assess', '--from-inventory', scenarioInventoryPath('ready'), '--format', 'json', '--format', 'html'];

function run(stdout: 'pipe' | number, closeEarly = false): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    if (closeEarly && child.stdout) child.stdout.destroy();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('fault catalogue: stdout', () => {
  beforeAll(assertBuilt);

  it('> /dev/full: one line, exit 2, although the organization is ready', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const { code, stderr } = await run(fd);
      expect(code).toBe(2);
      expect(stderr).toBe('hybrid-readiness: could not write to stdout: ENOSPC: no space left on device, write\n');
    } finally {
      closeSync(fd);
    }
  });

  it('a pipe closed before the report is written: one line, exit 2', async () => {
    const { code, stderr } = await run('pipe', true);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hybrid-readiness: could not write to stdout: EPIPE/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
