// The report: a versioned JSON document, the single input of every reporter, `report` and `diff`.
// schema/report.schema.json is generated from this file (npm run schema) and tested against every report.
import { z } from 'zod';
import { names, namesOrNull } from '../inventory/identifying.js';
import { Target } from '../inventory/inventory.js';
import { BuildListProvenance } from './build-list.js';
import { NAME_CLASSES } from './known-names.js';

export const REPORT_SCHEMA_VERSION = 1;

const Source = z.object({ title: z.string(), url: z.string() });

export const ResultStatus = z.enum(['pass', 'fail', 'warn', 'not-applicable', 'manual', 'error', 'skipped']);
export type ResultStatus = z.infer<typeof ResultStatus>;
export const Severity = z.enum(['blocker', 'warning', 'advice']);
export type Severity = z.infer<typeof Severity>;
export const Verdict = z.enum(['ready', 'not-ready', 'incomplete']);
/** The requirement sets a report judges (checks/requirement-sets.ts); absent in reports older than the hybrid set. */
export const RequirementSelection = z.enum(['graph-rest', 'hybrid', 'all']);
export const RequirementSetId = z.enum(['graph-rest', 'hybrid']);
export type Verdict = z.infer<typeof Verdict>;

const EvidenceValue: z.ZodType<unknown> = z.json();

export const Finding = z.object({
  subject: z.object({ kind: z.string(), name: z.string() }),
  status: z.enum(['pass', 'fail', 'warn', 'not-applicable', 'manual']),
  messageId: z.string(),
  message: z.string(),
  remediation: z.string().nullable(),
  evidence: z.record(z.string(), EvidenceValue),
});
export type Finding = z.infer<typeof Finding>;

/**
 * An accepted risk from the config's `exceptions:` and what became of it in this assessment (see
 * src/pipeline/exceptions.ts): `accepted` — it matched a failure and was in force on the assessment date;
 * `expired` — it matched a failure but its date had passed, so the failure counts again; `unmatched` — no
 * failure of this assessment matched it (the check passed, was not evaluated, or the subject did not fail).
 */
export const AppliedException = z.object({
  check: z.string(),
  /** A finding's subject name; null = the whole check. */
  subject: z.string().nullable(),
  reason: z.string(),
  /** A team or a person: a name of the organization's. */
  owner: names('display-name'),
  ticket: z.string().nullable(),
  /** YYYY-MM-DD, the last day the exception is in force (compared with the date of collectedAt). */
  expires: z.string(),
  state: z.enum(['accepted', 'expired', 'unmatched']),
  /** The failing findings' subjects it matched; empty when unmatched or when the check failed without findings. */
  matched: z.array(z.object({ kind: z.string(), name: z.string() })),
  /** One sentence saying what became of it. */
  detail: z.string(),
});
export type AppliedException = z.infer<typeof AppliedException>;

export const CheckResult = z.object({
  id: z.string(),
  title: z.string(),
  severity: Severity,
  requirement: z.object({ id: z.string().nullable(), text: z.string(), sources: z.array(Source) }),
  /** The requirement set of the check; absent in reports older than the hybrid set (= graph-rest). */
  requirementSet: RequirementSetId.optional(),
  status: ResultStatus,
  summary: z.string(),
  findings: z.array(Finding),
  evidence: z.record(z.string(), EvidenceValue),
  /** Present whenever the status is fail, warn, manual or error. */
  remediation: z.object({ summary: z.string(), links: z.array(Source) }).nullable(),
  artifacts: z.object({ required: z.array(z.string()), optional: z.array(z.string()), missing: z.array(z.string()) }),
  /** Why the runner ended the check as error or skipped. */
  reason: z.string().nullable(),
  /**
   * Only on a failed result that an exception matched: true when every failure of it is covered by an exception
   * in force on the assessment date. The status stays `fail`; the verdict and the exit code count it as accepted.
   */
  accepted: z.boolean().optional(),
  /** Only on a failed result that an exception matched: those exceptions, accepted or expired. */
  exceptions: z.array(AppliedException).optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Notice = z.object({
  id: z.string(),
  level: z.enum(['important', 'info']),
  title: z.string(),
  text: z.string(),
  sources: z.array(Source),
});
export type Notice = z.infer<typeof Notice>;

const statusCounts = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  warn: z.number().int(),
  'not-applicable': z.number().int(),
  manual: z.number().int(),
  error: z.number().int(),
  skipped: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCounts>;

export const Report = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('hybrid-readiness'), version: z.string(), catalogueVersion: z.string() }),
  /** What --requirements judged; absent in reports older than the hybrid set (= graph-rest). */
  requirementSet: RequirementSelection.optional(),
  verdict: Verdict,
  verdictReason: z.string(),
  counts: z.object({
    byStatus: statusCounts,
    bySeverity: z.object({ blocker: statusCounts, warning: statusCounts, advice: statusCounts }),
  }),
  results: z.array(CheckResult),
  /** Every exception the configuration declared, in its order, with what became of it. Absent in older reports. */
  exceptions: z.array(AppliedException).optional(),
  notices: z.array(Notice),
  /**
   * The organization's names this report mentions, by class, taken from the marked fields of the inventory it was
   * made from (src/report/redact.ts): what `report FILE --redact` replaces. Absent in reports of older versions.
   */
  names: z.partialRecord(z.enum(NAME_CLASSES), z.array(z.string())).optional(),
  provenance: z.object({
    collectedAt: z.string(),
    source: z.enum(['live', 'inventory']),
    inventoryFile: namesOrNull('free-text'),
    /** The inventory's target, as collected or replayed. */
    target: Target,
    /**
     * Whose facts these are, for the audit's header: the Exchange organization's name (AD) and the tenant's display
     * name (Graph), each null when not collected. Absent in reports written before it was added.
     */
    organization: z.object({ exchange: namesOrNull('organization'), tenant: namesOrNull('organization') }).optional(),
    settings: z.record(z.string(), EvidenceValue),
    evaluation: z.object({ maxSyncAgeMinutes: z.number(), failOn: z.enum(['blocker', 'warning']) }),
    /** The Exchange build list that named the builds (src/report/build-list.ts). Absent in older reports. */
    buildList: BuildListProvenance.optional(),
  }),
});
export type Report = z.infer<typeof Report>;
