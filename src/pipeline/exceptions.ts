// Accepted risks (the config's `exceptions:`): an organization knowingly leaves a failure in place, with a reason,
// an owner, an optional ticket and an expiry date. An exception never changes a status: a matched failure stays
// `fail` and carries the exception. When every failure of a result is covered by an exception in force, the result
// is `accepted` and the verdict and exit code stop counting it (summarize.ts). From the day after its expiry date the
// failure counts again and the report says the exception expired. Dates are compared with the assessment date (the
// calendar date of collectedAt as recorded), never with today, so replaying an inventory always gives the same answer.
import type { RequirementSelection, RequirementSetId } from '../../checks/requirement-sets.js';
import type { AppliedException, CheckResult, Finding } from '../report/report.js';

/** As declared in the configuration (validated there). */
export interface DeclaredException {
  check: string;
  /** A finding's subject name (case-insensitive); absent = the whole check. */
  subject?: string | undefined;
  reason: string;
  owner: string;
  ticket?: string | undefined;
  /** YYYY-MM-DD: the last day the exception is in force. */
  expires: string;
  /** The requirement set of the check (resolved from the catalogue), to say why an exception matched nothing. */
  requirementSet?: RequirementSetId | undefined;
}

export interface ExceptionOutcome {
  /** The results, with `accepted` and `exceptions` set on the failed ones an exception matched. */
  results: CheckResult[];
  /** Every declared exception, in declaration order, with what became of it. */
  exceptions: AppliedException[];
}

export function applyExceptions(
  results: readonly CheckResult[],
  declared: readonly DeclaredException[],
  collectedAt: string,
  requirements: RequirementSelection = 'graph-rest',
): ExceptionOutcome {
  const assessedOn = assessmentDate(collectedAt);
  const applied = declared.map((exception) =>
    judge(
      exception,
      results.find((result) => result.id === exception.check),
      assessedOn,
      requirements,
    ),
  );
  const withExceptions = results.map((result) => {
    const matching = applied.filter((exception) => exception.check === result.id && exception.state !== 'unmatched');
    if (result.status !== 'fail' || matching.length === 0) return result;
    return { ...result, accepted: isCovered(result, matching), exceptions: matching };
  });
  return { results: withExceptions, exceptions: applied };
}

/** The calendar date of the assessment as the collecting machine recorded it (collectedAt carries its offset). */
export function assessmentDate(collectedAt: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(collectedAt)?.[0];
  if (!date) throw new Error(`collectedAt ${JSON.stringify(collectedAt)} does not start with a date`);
  return date;
}

function judge(
  exception: DeclaredException,
  result: CheckResult | undefined,
  assessedOn: string,
  requirements: RequirementSelection,
): AppliedException {
  const subject = exception.subject?.trim() || null;
  const base = {
    check: exception.check,
    subject,
    reason: exception.reason,
    owner: exception.owner,
    ticket: exception.ticket?.trim() || null,
    expires: exception.expires,
  };
  const inForce = assessedOn <= exception.expires; // ISO dates compare as strings
  const expiry = inForce ? '' : `; it expired on ${exception.expires}`;
  const unmatched = (why: string): AppliedException => ({
    ...base,
    state: 'unmatched',
    matched: [],
    detail: `Matches no failure: ${why}${expiry}.`,
  });

  if (!result) {
    // One configuration serves runs of every set: an exception for a check of a set not judged here waits for a run that judges it.
    const set = exception.requirementSet;
    return unmatched(
      set && requirements !== 'all' && set !== requirements
        ? `${exception.check} belongs to the ${set} requirement set, which this assessment did not judge (--requirements ${requirements})`
        : `${exception.check} is not in this report`,
    );
  }
  if (result.status !== 'fail') return unmatched(`${exception.check} did not fail (${result.status})`);
  const failing = failingFindings(result);
  const matched = subject ? failing.filter((finding) => sameName(finding.subject.name, subject)) : failing;
  if (subject && matched.length === 0) {
    const failingNames = [...new Set(failing.map((finding) => finding.subject.name))];
    return unmatched(
      `no failing finding of ${exception.check} is about ${subject}${failingNames.length > 0 ? ` (failing: ${failingNames.join(', ')})` : ''}`,
    );
  }
  const scope = subject ? `${exception.check} for ${subject}` : exception.check;
  return {
    ...base,
    state: inForce ? 'accepted' : 'expired',
    matched: matched.map((finding) => ({ ...finding.subject })),
    detail: inForce
      ? `Accepts the failure of ${scope} through ${exception.expires}.`
      : `Expired on ${exception.expires} (assessed on ${assessedOn}): the failure of ${scope} counts again.`,
  };
}

/** Accepted when an exception in force covers the whole check, or every failing finding's subject. */
function isCovered(result: CheckResult, matching: readonly AppliedException[]): boolean {
  const inForce = matching.filter((exception) => exception.state === 'accepted');
  if (inForce.some((exception) => exception.subject === null)) return true;
  const failing = failingFindings(result);
  return (
    failing.length > 0 && failing.every((finding) => inForce.some((exception) => sameName(finding.subject.name, exception.subject ?? '')))
  );
}

function failingFindings(result: CheckResult): Finding[] {
  return result.findings.filter((finding) => finding.status === 'fail');
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
