#!/usr/bin/env node
// Builds dist/ from src/ and checks/ by transpiling each file with esbuild (no bundling, no type checking).
// Why not tsc: `prepare` runs on every `npm ci`, and a full tsc emit took ~5 s of the "fresh clone to demo in
// under 10 seconds" budget; esbuild does the same files in a fraction of a second. Types are still checked:
// `npm test` and `npm run typecheck` run tsc with --noEmit first, and `isolatedModules` in tsconfig.json makes tsc
// reject the few constructs a per-file transpiler cannot compile.
// Source maps are written for a clone (`npm ci`, `npm run build`) but not into a package (`npm pack`/`npm publish` run
// this through `prepare`): HYBRID_READINESS_SOURCEMAPS=1 asks for them there too.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRECTORIES = ['src', 'checks'];

function typeScriptFiles(directory) {
  return readdirSync(join(root, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
const sourcemap = !packing || process.env.HYBRID_READINESS_SOURCEMAPS === '1';
const outdir = join(root, 'dist');
// A file deleted from src/ must not live on in dist/ and keep being imported.
for (const directory of SOURCE_DIRECTORIES) rmSync(join(outdir, directory), { recursive: true, force: true });

try {
  await build({
    absWorkingDir: root,
    entryPoints: SOURCE_DIRECTORIES.flatMap(typeScriptFiles),
    outdir,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap,
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed each error with its file and line.
  console.error('build: esbuild could not transpile the sources (see above); nothing usable was written to dist/');
  process.exitCode = 1;
}
