// The tool's identity as written into inventories and reports.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function findPackageVersion(): string {
  // Works from src/ (tests, tsx) and from dist/src/ (the built CLI).
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'hybrid-readiness' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const TOOL_NAME = 'hybrid-readiness';
export const TOOL_VERSION = findPackageVersion();
/** Bumped whenever a check is added, removed, or changes what it judges; `diff` warns across versions. */
export const CATALOGUE_VERSION = '2026.11.1';
