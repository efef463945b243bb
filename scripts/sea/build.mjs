#!/usr/bin/env node
// `npm run build:sea`: a single executable of the tool for this platform (build/sea/hybrid-readiness, .exe on
// Windows) with Node's single-executable applications. Steps: esbuild bundles the CLI and every dependency into one
// CommonJS file (a Node 20 SEA runs one CJS script whose `require` reaches only built-ins); Node writes the
// preparation blob with the package assets (src/package-assets.ts reads them back); this Node binary is copied and
// postject injects the blob. Build on each platform you ship for: the result embeds the Node that built it.
// macOS: the copied binary's signature is removed before injection and an ad-hoc one added after (see docs/distribution.md).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'build', 'sea');
const started = performance.now();
const { platform } = process;
const executable = join(out, platform === 'win32' ? 'hybrid-readiness.exe' : 'hybrid-readiness');
const bundle = join(out, 'hybrid-readiness.cjs');
const blob = join(out, 'sea-prep.blob');
// The fuse Node's SEA support looks for; fixed by Node (see the single-executable-applications documentation).
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
// Must match PACKAGE_ASSETS in src/package-assets.ts.
const ASSETS = ['package.json'];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) {
  console.error(`build:sea: Node ${process.versions.node} cannot embed assets in a single executable; use Node 20.12 or later`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'scripts', 'sea', 'main.mjs')],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: `node${major}`,
  minify: true,
  keepNames: true,
  legalComments: 'external',
  logLevel: 'warning',
  // import.meta is empty in a CJS bundle; the one module that uses it (src/package-assets.ts) does so only outside a SEA.
  logOverride: { 'empty-import-meta': 'silent' },
});

const config = join(out, 'sea-config.json');
writeFileSync(
  config,
  `${JSON.stringify(
    {
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: true,
      assets: Object.fromEntries(ASSETS.map((asset) => [asset, join(root, asset)])),
    },
    null,
    2,
  )}\n`,
);
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

copyFileSync(process.execPath, executable);
chmodSync(executable, 0o755);
if (platform === 'darwin') execFileSync('codesign', ['--remove-signature', executable]);
// postject's ELF reader warns about note sections it does not name ("Can't find string offset for section name"),
// once per section, on every official Linux Node binary; the injection is unaffected, so those lines are dropped.
const warn = console.warn;
console.warn = (...args) => {
  if (!String(args[0]).includes("Can't find string offset for section name")) warn(...args);
};
try {
  await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: SENTINEL_FUSE,
    ...(platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
} finally {
  console.warn = warn;
}
if (platform === 'darwin') execFileSync('codesign', ['--sign', '-', executable]);

const megabytes = (statSync(executable).size / 1024 / 1024).toFixed(1);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`build:sea: wrote ${executable} (${megabytes} MB, Node ${process.versions.node}) in ${seconds} s`);
