// Which checks run: first the requirement sets (--requirements, default graph-rest), then --only / --skip within
// them. Deselected checks of the judged sets stay in the report as `skipped`, so a reader sees what was not judged;
// checks of a set that was not asked for are not in the report at all (their set was not assessed).
import type { AnyCheck } from '../../checks/api.js';
import { DEFAULT_REQUIREMENT_SELECTION, type RequirementSelection, type RequirementSetId, setsOf } from '../../checks/requirement-sets.js';
import { UsageError } from '../errors.js';
import { type ArtifactName, artifactNames } from '../inventory/artifacts.js';
import { plural } from '../plural.js';

export interface SelectionRequest {
  only: readonly string[] | null;
  skip: readonly string[] | null;
  /** The requirement sets to judge; graph-rest when absent. */
  requirements?: RequirementSelection;
}

export interface Selection {
  /** The requirement sets judged. */
  requirements: RequirementSelection;
  /** Every check of the judged sets, in catalogue order (deselected ones are reported as skipped). */
  checks: readonly AnyCheck[];
  /** Those that run. */
  selected: readonly AnyCheck[];
  deselected: ReadonlySet<string>;
}

export function selectChecks(catalogue: readonly AnyCheck[], request: SelectionRequest): Selection {
  const { only, skip } = request;
  const requirements = request.requirements ?? DEFAULT_REQUIREMENT_SELECTION;
  if (only && skip)
    throw new UsageError('--only and --skip cannot be combined; list the checks to run with --only, or those to leave out with --skip');
  const judged = new Set<RequirementSetId>(setsOf(requirements).map((set) => set.id));
  const inSets = catalogue.filter((check) => judged.has(check.requirementSet));
  const flag = only ? '--only' : '--skip';
  const asked = only ?? skip ?? [];
  const elsewhere = asked
    .map((id) => catalogue.find((check) => check.id === id))
    .filter((check): check is AnyCheck => check !== undefined && !judged.has(check.requirementSet));
  if (elsewhere.length > 0) {
    const sets = [...new Set(elsewhere.map((check) => check.requirementSet))];
    throw new UsageError(
      `${flag}: ${elsewhere.map((check) => `${check.id} (set ${check.requirementSet})`).join(', ')} ${elsewhere.length > 1 ? 'are' : 'is'} not in the requirement set judged (--requirements ${requirements}); ` +
        `add --requirements ${sets.length === 1 ? sets[0] : 'all'} or --requirements all`,
    );
  }
  const ids = catalogue.map((check) => check.id);
  const unknown = asked.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    const valid = ids.length > 0 ? `valid ids: ${ids.join(', ')}` : 'no checks are registered in this build';
    throw new UsageError(
      `${flag}: unknown check ${plural(unknown.length, 'id')} ${unknown.join(', ')}; ${valid} (see \`hybrid-readiness checks\`)`,
    );
  }
  const runs = (check: AnyCheck): boolean => (only ? only.includes(check.id) : !(skip ?? []).includes(check.id));
  return {
    requirements,
    checks: inSets,
    selected: inSets.filter(runs),
    deselected: new Set(inSets.filter((check) => !runs(check)).map((check) => check.id)),
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
