// The check API. A check is a small document: metadata first, then a pure `run` over the artifacts it declares.
// Checks import only this module, shared check data/helpers under checks/, and artifact types — never a
// client, a collector or node: I/O. Severity lives here (not in the finding) because it is the requirement's.
import type { ArtifactName, Artifacts } from '../src/inventory/artifacts.js';
import { plural } from '../src/plural.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import type { RequirementSetId } from './requirement-sets.js';

export { countOf, plural } from '../src/plural.js';

/** What a check may conclude. The runner alone sets `error` and `skipped`. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'not-applicable' | 'manual';
export type ResultStatus = CheckStatus | 'error' | 'skipped';
export type Severity = 'blocker' | 'warning' | 'advice';
/** R1–R9: the Graph REST requirements (graph-rest set); H1–H5: hybrid as it stands in late 2026 (hybrid set). */
export type RequirementId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5';

export interface Source {
  title: string;
  url: string;
}

export interface Requirement {
  /** The requirement this check judges (R1–R9 of the README's check table); null for checks that judge no Rn. */
  id: RequirementId | null;
  text: string;
  sources: readonly Source[];
}

export type SubjectKind =
  | 'organization'
  | 'server'
  | 'database'
  | 'mailbox'
  | 'host'
  | 'address'
  | 'url'
  | 'namespace'
  | 'domain'
  | 'tenant'
  | 'api-call'
  | 'configuration';

export interface Subject {
  kind: SubjectKind;
  name: string;
}

/** JSON-safe evidence values. */
export type EvidenceValue = string | number | boolean | null | readonly EvidenceValue[] | { readonly [key: string]: EvidenceValue };
export type Evidence = { readonly [key: string]: EvidenceValue };
/** Values substituted into message templates: `{{name}}`, and `{{count|server|servers}}` for the word a number takes. */
export type MessageData = { readonly [key: string]: string | number | boolean | null };

export interface FindingInput<M extends string = string> {
  subject: Subject;
  status: CheckStatus;
  messageId: M;
  data?: MessageData;
  /** Message id of a remediation template (also in `messages`), rendered with the same data. */
  remediationId?: M;
  evidence?: Evidence;
}

export interface CheckOutcome<M extends string = string> {
  /** Defaults to the worst status among the findings (fail > manual > warn > pass > not-applicable). */
  status?: CheckStatus;
  /** One sentence on the whole check, as a message id with data. */
  summary: { messageId: M; data?: MessageData };
  findings: FindingInput<M>[];
  evidence?: Evidence;
}

export interface EvaluationOptions {
  /** How old the last directory sync may be, in minutes (--max-sync-age). */
  maxSyncAgeMinutes: number;
}

export const DEFAULT_EVALUATION_OPTIONS: EvaluationOptions = { maxSyncAgeMinutes: 180 };

export interface CheckContext<R extends ArtifactName, O extends ArtifactName> {
  /** Only the declared artifacts, deeply frozen. Optional ones may be undefined. */
  artifacts: Readonly<Pick<Artifacts, R>> & Readonly<Partial<Pick<Artifacts, O>>>;
  /** = the inventory's collectedAt, so replays are deterministic. */
  now: Date;
  options: Readonly<EvaluationOptions>;
  /** The Exchange build list to name builds from (bundled, or a newer user catalogue); never decides a verdict. */
  builds: BuildCatalogue;
}

export interface Check<R extends ArtifactName = ArtifactName, O extends ArtifactName = ArtifactName, M extends string = string> {
  /** Stable kebab-case id; never renamed. */
  id: string;
  title: string;
  description: string;
  requirement: Requirement;
  /** The requirement set the check belongs to (checks/requirement-sets.ts); --requirements selects by it. */
  requirementSet: RequirementSetId;
  severity: Severity;
  requiredArtifacts: readonly R[];
  optionalArtifacts: readonly O[];
  /** When set, the runner reports `error` unless at least one of these (optional) artifacts is present. */
  requiresAnyOf?: readonly O[];
  /**
   * Optional artifacts that must not fail silently: when the collection of one was attempted and failed (its source
   * was configured — Graph credentials were given — but the sign-in or the call failed), the runner reports `error`
   * with the collector's reason, keeping what the check made of the rest as evidence. An artifact whose source was
   * not configured at all (error code `…-not-configured`) stays merely optional.
   */
  errorWhenFailed?: readonly O[];
  /** Message templates keyed by id; `{{key}}` is replaced from the finding's data. */
  messages: Readonly<Record<M, string>>;
  /** What an Exchange admin does about a failure, with the Microsoft link behind it. */
  remediation: { summary: string; links: readonly Source[] };
  run(context: CheckContext<R, O>): CheckOutcome<M>;
}

/** Identity function that keeps a check's literal types (artifact names, message ids) precise. */
export function defineCheck<R extends ArtifactName, O extends ArtifactName = never, M extends string = string>(
  check: Check<R, O, M>,
): Check<R, O, M> {
  return check;
}

export type AnyCheck = Check<ArtifactName, ArtifactName, string>;

const statusRank: Record<CheckStatus, number> = { 'not-applicable': 0, pass: 1, warn: 2, manual: 3, fail: 4 };

/** The worst of several statuses; `not-applicable` when there are none. */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'not-applicable';
  for (const status of statuses) if (statusRank[status] > statusRank[worst]) worst = status;
  return worst;
}

/** `{{key}}`, or `{{key|one|other}}`: the word that agrees with the number in `key` ("1 {{n|copy|copies}}"). */
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*(?:\|([^|{}]*)\|([^|{}]*))?\}\}/g;

/**
 * Render the placeholders. Unknown keys stay visible so a missing datum is noticed, not hidden; so does a plural
 * form whose key does not hold a number.
 */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, key: string, one?: string, other?: string) => {
    if (!Object.hasOwn(data, key)) return whole;
    const value = data[key];
    if (one === undefined || other === undefined) return String(value);
    return typeof value === 'number' ? plural(value, one, other) : whole;
  });
}

/** Placeholder names used by a template (a plural form names its number's key). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}
