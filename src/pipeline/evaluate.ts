// The runner: each selected check gets only the artifacts it declared, frozen, plus `now` and the build list.
// A missing or failed artifact, or a check that throws, ends that one check as `error`; the rest still run.
import { type AnyCheck, type CheckOutcome, type EvaluationOptions, renderMessage, worstStatus } from '../../checks/api.js';
import { type BuildCatalogue, bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import type { ArtifactName } from '../inventory/artifacts.js';
import { type Inventory, wasAttempted } from '../inventory/inventory.js';
import type { CheckResult, Finding } from '../report/report.js';

export interface EvaluateInput {
  inventory: Inventory;
  checks: readonly AnyCheck[];
  /** Ids of checks deselected by --only/--skip; they appear as `skipped`. */
  deselected: ReadonlySet<string>;
  options: EvaluationOptions;
  /** The Exchange build list the checks name builds from; the bundled table unless the CLI chose a newer one. */
  builds?: BuildCatalogue;
}

export function evaluate({ inventory, checks, deselected, options, builds = bundledBuildCatalogue }: EvaluateInput): CheckResult[] {
  const artifacts = deepFreeze(structuredClone(inventory.artifacts));
  const now = new Date(inventory.collectedAt);
  return checks.map((check) => {
    if (deselected.has(check.id)) return runnerResult(check, 'skipped', 'deselected by --only/--skip', []);
    const missing = check.requiredArtifacts.filter((name) => artifacts[name] === undefined);
    if (missing.length > 0) return runnerResult(check, 'error', missingReason(inventory, missing), missing);
    if (check.requiresAnyOf?.every((name) => artifacts[name] === undefined)) {
      return runnerResult(
        check,
        'error',
        `needs at least one of ${check.requiresAnyOf.join(', ')}: ${missingReason(inventory, check.requiresAnyOf)}`,
        [...check.requiresAnyOf],
      );
    }
    const declared: Partial<Record<ArtifactName, unknown>> = {};
    for (const name of [...check.requiredArtifacts, ...check.optionalArtifacts]) declared[name] = artifacts[name];
    let outcome: CheckOutcome;
    try {
      outcome = check.run({ artifacts: Object.freeze(declared) as never, now, options: Object.freeze({ ...options }), builds });
    } catch (error) {
      return runnerResult(check, 'error', `the check failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, []);
    }
    const optionalMissing = check.optionalArtifacts.filter((name) => artifacts[name] === undefined);
    const attemptedAndFailed = (check.errorWhenFailed ?? []).filter(
      (name) => artifacts[name] === undefined && wasAttempted(inventory.artifactErrors[name]),
    );
    if (attemptedAndFailed.length > 0) {
      // Given-but-failing credentials read as "could not assess", never as the fallback the check has without them.
      // The check's evidence stays (what it saw of the rest); its findings go, as they judge the fallback.
      const evidence = plain(outcome.evidence ?? {});
      return { ...runnerResult(check, 'error', missingReason(inventory, attemptedAndFailed), optionalMissing), evidence };
    }
    return toResult(check, outcome, optionalMissing);
  });
}

function missingReason(inventory: Inventory, names: readonly ArtifactName[]): string {
  return names
    .map((name) => {
      const failure = inventory.artifactErrors[name];
      return failure ? `${name} could not be collected: ${failure.message}` : `${name} was not collected`;
    })
    .join('; ');
}

function toResult(check: AnyCheck, outcome: CheckOutcome, optionalMissing: ArtifactName[]): CheckResult {
  const template = (id: string): string => {
    const text = check.messages[id];
    if (text === undefined) throw new Error(`check ${check.id} used unknown message id "${id}"`);
    return text;
  };
  const findings: Finding[] = outcome.findings.map((finding) => ({
    subject: { ...finding.subject },
    status: finding.status,
    messageId: finding.messageId,
    message: renderMessage(template(finding.messageId), finding.data),
    remediation: finding.remediationId ? renderMessage(template(finding.remediationId), finding.data) : null,
    evidence: plain(finding.evidence ?? {}),
  }));
  const status = outcome.status ?? worstStatus(outcome.findings.map((finding) => finding.status));
  return {
    ...metadataOf(check),
    status,
    summary: renderMessage(template(outcome.summary.messageId), outcome.summary.data),
    findings,
    evidence: plain(outcome.evidence ?? {}),
    remediation: needsRemediation(status) ? remediationOf(check) : null,
    artifacts: artifactsOf(check, optionalMissing),
    reason: null,
  };
}

/** Collector and check errors may or may not end their message with a full stop; the summary ends with one. */
function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function runnerResult(check: AnyCheck, status: 'error' | 'skipped', reason: string, missing: readonly ArtifactName[]): CheckResult {
  return {
    ...metadataOf(check),
    status,
    summary: status === 'skipped' ? 'Skipped: deselected by --only/--skip.' : `Could not be evaluated: ${asSentence(reason)}`,
    findings: [],
    evidence: {},
    remediation: status === 'error' ? remediationOf(check) : null,
    artifacts: artifactsOf(check, missing),
    reason,
  };
}

/** What a report says of a check whatever its outcome: id, title, severity and the requirement with its sources. */
export function metadataOf(check: AnyCheck) {
  return {
    id: check.id,
    title: check.title,
    severity: check.severity,
    requirementSet: check.requirementSet,
    requirement: {
      id: check.requirement.id,
      text: check.requirement.text,
      sources: check.requirement.sources.map((source) => ({ ...source })),
    },
  };
}

function artifactsOf(check: AnyCheck, missing: readonly ArtifactName[]) {
  return { required: [...check.requiredArtifacts], optional: [...check.optionalArtifacts], missing: [...missing] };
}

function remediationOf(check: AnyCheck) {
  return { summary: check.remediation.summary, links: check.remediation.links.map((link) => ({ ...link })) };
}

function needsRemediation(status: string): boolean {
  return status === 'fail' || status === 'warn' || status === 'manual' || status === 'error';
}

/** Evidence leaves the frozen world as plain, mutable JSON. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
