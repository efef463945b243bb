import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// No test reads the machine's user catalogue (docs/catalogue.md): every run gets an empty configuration folder,
// inherited by the CLI processes the tests spawn. Tests that write a catalogue point at folders of their own.
const configDir = mkdtempSync(join(tmpdir(), 'hybrid-readiness-test-config-'));
process.on('exit', () => rmSync(configDir, { recursive: true, force: true }));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { HYBRID_READINESS_CONFIG_DIR: configDir },
  },
});
