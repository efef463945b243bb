// Files the tool reads from its own package at run time (today package.json, for the version). In the npm build they
// sit beside the code (found from src/ under tsx, from dist/src/ and from the bundle's dist/cli/chunks/); in the single executable
// (scripts/sea/) they are node:sea assets inside the binary, where import.meta and the package folder do not exist.
import { readFileSync } from 'node:fs';
import * as sea from 'node:sea';

/** The assets scripts/sea/build.mjs puts into the executable, by their path in the package. */
const PACKAGE_ASSETS = ['package.json'] as const;
export type PackageAsset = (typeof PACKAGE_ASSETS)[number];

/** True inside the executable `npm run build:sea` makes. */
export function isSingleExecutable(): boolean {
  return sea.isSea();
}

/** The asset's text, or null when it cannot be found (a broken install: callers fall back, never crash). */
export function readPackageAsset(name: PackageAsset): string | null {
  if (sea.isSea()) {
    try {
      return sea.getAsset(name, 'utf8');
    } catch {
      return null;
    }
  }
  // src/ (tsx), dist/src/ (the file-by-file build), dist/cli/chunks/ (the bundled CLI bin/ runs).
  for (const up of ['../', '../../', '../../../']) {
    try {
      return readFileSync(new URL(`${up}${name}`, import.meta.url), 'utf8');
    } catch {
      // try the next location
    }
  }
  return null;
}
