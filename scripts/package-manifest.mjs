#!/usr/bin/env node
// `npm pack`/`npm publish` (prepack and postpack): the packed package.json must not carry the `prepare` script. In a
// clone, prepare builds dist/ on `npm ci`; in an installed package there is nothing to build (dist/ is packed), yet
// npm would still run or warn about any prepare script it finds. `strip` sets the original aside and removes the
// script (prepack builds dist/ instead); `restore` puts the original back byte for byte.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const original = join(root, '.package.json.before-pack');

const mode = process.argv[2];
if (mode === 'strip') {
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  if (pkg.scripts?.prepare) {
    writeFileSync(original, text);
    delete pkg.scripts.prepare;
    writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
  }
} else if (mode === 'restore') {
  if (existsSync(original)) renameSync(original, manifest);
} else {
  console.error('usage: node scripts/package-manifest.mjs strip|restore');
  process.exitCode = 2;
}
