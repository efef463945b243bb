// Which checks run (--only / --skip) and which artifacts they need. Deselected checks stay in the
// report as `skipped`, so a reader sees what was not judged.
import type { AnyCheck } from '../../checks/api.js';
import { UsageError } from '../errors.js';
import { type ArtifactName, artifactNames } from '../inventory/artifacts.js';
import { plural } from '../plural.js';

export interface SelectionRequest {
  only: readonly string[] | null;
  skip: readonly string[] | null;
}

export interface Selection {
  /** Every check of the catalogue, in catalogue order (deselected ones are reported as skipped). */
  checks: readonly AnyCheck[];
  /** Those that run. */
  selected: readonly AnyCheck[];
  deselected: ReadonlySet<string>;
}

export function selectChecks(catalogue: readonly AnyCheck[], request: SelectionRequest): Selection {
  const { only, skip } = request;
  if (only && skip)
    throw new UsageError('--only and --skip cannot be combined; list the checks to run with --only, or those to leave out with --skip');
  const ids = catalogue.map((check) => check.id);
  const asked = only ?? skip ?? [];
  const unknown = asked.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    const flag = only ? '--only' : '--skip';
    const valid = ids.length > 0 ? `valid ids: ${ids.join(', ')}` : 'no checks are registered in this build';
    throw new UsageError(
      `${flag}: unknown check ${plural(unknown.length, 'id')} ${unknown.join(', ')}; ${valid} (see \`hybrid-readiness checks\`)`,
    );
  }
  const runs = (check: AnyCheck): boolean => (only ? only.includes(check.id) : !(skip ?? []).includes(check.id));
  return {
    checks: catalogue,
    selected: catalogue.filter(runs),
    deselected: new Set(catalogue.filter((check) => !runs(check)).map((check) => check.id)),
  };
}

/** The artifacts the selected checks declare (required and optional), in the registry's order. */
export function neededArtifacts(checks: readonly AnyCheck[]): ArtifactName[] {
  const wanted = new Set<ArtifactName>();
  for (const check of checks) {
    for (const name of [...check.requiredArtifacts, ...check.optionalArtifacts]) wanted.add(name);
  }
  return artifactNames.filter((name) => wanted.has(name));
}
