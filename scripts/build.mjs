#!/usr/bin/env node
// Builds dist/ with esbuild (no type checking: `npm test` and `npm run typecheck` run tsc with --noEmit first, and
// `isolatedModules` makes tsc reject what a per-file transpiler cannot compile). Two outputs:
// - dist/cli/: what bin/hybrid-readiness.js runs — src/cli.ts bundled with its dependencies, split at every dynamic
//   import into chunks loaded on first use, so a command loads one file per chunk it needs instead of ~900 module
//   files, and never the network clients or the lab it does not use (docs/performance.md). meta.json says which
//   source modules each chunk holds (test/e2e/loaded-modules.test.ts reads it).
// - dist/src/, dist/checks/: every file transpiled on its own, for scripts that import one module (npm run schema).
// Why not tsc: `prepare` runs on every `npm ci`, and a full tsc emit took ~5 s; esbuild does both in about a second.
// Source maps (and the bundle's metafile) are written for a clone (`npm ci`, `npm run build`) but not into a package
// (`npm pack`/`npm publish` run this through `prepack`): HYBRID_READINESS_SOURCEMAPS=1 asks for the maps there too.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRECTORIES = ['src', 'checks'];
const outdir = join(root, 'dist');
const bundleDir = join(outdir, 'cli');

function typeScriptFiles(directory) {
  return readdirSync(join(root, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/**
 * zod's `z` namespace carries every translation of its messages (~290 KB of the ~570 KB zod adds to the bundle),
 * and a namespace cannot be tree-shaken. The CLI never switches zod's locale (its messages are its own; zod's
 * English default is set by zod itself from locales/en.js, which stays), so the list of translations is bundled as
 * English only: half of zod's parse time at every start.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'english-only' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
    }));
  },
};

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
const sourcemap = !packing || process.env.HYBRID_READINESS_SOURCEMAPS === '1';
// A file deleted from src/ must not live on in dist/ and keep being imported.
for (const directory of [...SOURCE_DIRECTORIES, 'cli']) rmSync(join(outdir, directory), { recursive: true, force: true });

const common = { absWorkingDir: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' };
try {
  await build({ ...common, entryPoints: SOURCE_DIRECTORIES.flatMap(typeScriptFiles), outdir, outbase: '.', sourcemap });
  const bundled = await build({
    ...common,
    entryPoints: { 'hybrid-readiness': 'src/cli.ts' },
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // The CommonJS dependencies call require() for Node's built-in modules; an ES module has none of its own.
    banner: { js: "import { createRequire as __hrCreateRequire } from 'node:module'; const require = __hrCreateRequire(import.meta.url);" },
    // Less source to parse at every start; names are kept, so --debug stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: sourcemap ? 'linked' : false,
    sourcesContent: false,
    metafile: true,
    plugins: [englishOnlyZodLocales],
  });
  if (!packing) writeFileSync(join(bundleDir, 'meta.json'), JSON.stringify(bundled.metafile));
} catch {
  // esbuild has already printed each error with its file and line.
  console.error('build: esbuild could not build the sources (see above); nothing usable was written to dist/');
  process.exitCode = 1;
}
