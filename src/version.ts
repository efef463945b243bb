// The tool's identity as written into inventories and reports. The version is package.json's, read through
// ./package-assets.ts so that the npm build and the single executable report the same one.
import { readPackageAsset } from './package-assets.js';

function findPackageVersion(): string {
  try {
    const pkg = JSON.parse(readPackageAsset('package.json') ?? '{}') as { name?: string; version?: string };
    if (pkg.name === 'hybrid-readiness' && pkg.version) return pkg.version;
  } catch {
    // an unreadable package.json: report 0.0.0 rather than fail
  }
  return '0.0.0';
}

export const TOOL_NAME = 'hybrid-readiness';
export const TOOL_VERSION = findPackageVersion();
/** Bumped whenever a check is added, removed, or changes what it judges; `diff` warns across versions. */
export const CATALOGUE_VERSION = '2026.12.1';
