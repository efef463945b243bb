import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyExceptions, assessmentDate, type DeclaredException } from '../../src/pipeline/exceptions.js';
import { exitCodeOf, verdictOf } from '../../src/pipeline/summarize.js';
import type { CheckResult, Finding } from '../../src/report/report.js';
import { scenarioReport } from '../support/scenario-reports.js';

// dag-copy-on-2013 (collected 2026-11-20): mailbox-database-placement fails for database DB02 (a copy on EX13-01);
// exchange-support-lifecycle (advice) fails for three servers.
const placement = (extra: Partial<DeclaredException> = {}): DeclaredException => ({
  check: 'mailbox-database-placement',
  reason: 'DB02 moves to the new DAG in Q1',
  owner: 'messaging team',
  ticket: 'CHG-1042',
  expires: '2026-12-31',
  ...extra,
});

describe('exceptions on a bundled scenario', () => {
  it('an exception in force accepts the failure: status stays fail, the verdict is ready and says why', () => {
    const report = scenarioReport('dag-copy-on-2013', [placement()]);
    const result = report.results.find((entry) => entry.id === 'mailbox-database-placement');
    expect(result?.status).toBe('fail');
    expect(result?.accepted).toBe(true);
    expect(result?.exceptions).toEqual([
      expect.objectContaining({
        state: 'accepted',
        reason: 'DB02 moves to the new DAG in Q1',
        owner: 'messaging team',
        ticket: 'CHG-1042',
        matched: [{ kind: 'database', name: 'DB02' }],
      }),
    ]);
    expect(report.verdict).toBe('ready');
    expect(report.verdictReason).toBe(
      'every other blocker check passed or does not apply; failure accepted as a risk: mailbox-database-placement',
    );
    expect(exitCodeOf(report, 'blocker')).toBe(0);
    expect(report.counts.byStatus.fail).toBe(2);
  });

  it('is in force through its expiry date and not a day longer (compared with collectedAt, not today)', () => {
    expect(scenarioReport('dag-copy-on-2013', [placement({ expires: '2026-11-20' })]).verdict).toBe('ready');
    const expired = scenarioReport('dag-copy-on-2013', [placement({ expires: '2026-11-19' })]);
    expect(expired.verdict).toBe('not-ready');
    expect(exitCodeOf(expired, 'blocker')).toBe(1);
    const result = expired.results.find((entry) => entry.id === 'mailbox-database-placement');
    expect(result?.accepted).toBe(false);
    expect(result?.exceptions?.[0]?.state).toBe('expired');
    expect(result?.exceptions?.[0]?.detail).toBe(
      'Expired on 2026-11-19 (assessed on 2026-11-20): the failure of mailbox-database-placement counts again.',
    );
  });

  it('a subject exception covers that subject only; covering every failing subject accepts the check', () => {
    const one = scenarioReport('dag-copy-on-2013', [{ ...placement(), check: 'exchange-support-lifecycle', subject: 'ex13-01' }]);
    const lifecycle = one.results.find((entry) => entry.id === 'exchange-support-lifecycle');
    expect(lifecycle?.accepted).toBe(false);
    expect(lifecycle?.exceptions?.[0]).toMatchObject({
      state: 'accepted',
      subject: 'ex13-01',
      matched: [{ kind: 'server', name: 'EX13-01' }],
    });
    const all = scenarioReport(
      'dag-copy-on-2013',
      ['EX16-01', 'EX16-02', 'EX13-01'].map((subject) => ({ ...placement(), check: 'exchange-support-lifecycle', subject })),
    );
    expect(all.results.find((entry) => entry.id === 'exchange-support-lifecycle')?.accepted).toBe(true);
  });

  it('exceptions that match nothing are reported as unmatched, with why', () => {
    const report = scenarioReport('dag-copy-on-2013', [
      { ...placement(), check: 'prepare-ad-cu3' },
      placement({ subject: 'DB01' }),
      { ...placement(), check: 'no-such-check' },
      placement({ subject: 'DB09', expires: '2025-01-01' }),
    ]);
    expect(report.exceptions?.map((exception) => [exception.state, exception.detail])).toEqual([
      ['unmatched', 'Matches no failure: prepare-ad-cu3 did not fail (pass).'],
      ['unmatched', 'Matches no failure: no failing finding of mailbox-database-placement is about DB01 (failing: DB02).'],
      ['unmatched', 'Matches no failure: no-such-check is not in this report.'],
      [
        'unmatched',
        'Matches no failure: no failing finding of mailbox-database-placement is about DB09 (failing: DB02); it expired on 2025-01-01.',
      ],
    ]);
    expect(report.verdict).toBe('not-ready');
    expect(report.results.find((entry) => entry.id === 'mailbox-database-placement')?.exceptions).toBeUndefined();
  });

  it('never accepts an error: a check that could not be evaluated stays open', () => {
    const report = scenarioReport('ldap-bind-refused', [{ ...placement(), check: 'exchange-2016-cu3' }]);
    expect(report.verdict).toBe('incomplete');
    expect(report.exceptions?.[0]?.state).toBe('unmatched');
  });

  it('--fail-on warning ignores an accepted warning failure', () => {
    const declared = { ...placement(), check: 'hybrid-oauth-configuration' };
    expect(exitCodeOf(scenarioReport('intra-org-connector-disabled'), 'warning')).toBe(1);
    expect(exitCodeOf(scenarioReport('intra-org-connector-disabled', [declared]), 'warning')).toBe(0);
    expect(exitCodeOf(scenarioReport('intra-org-connector-disabled', [{ ...declared, expires: '2020-01-01' }]), 'warning')).toBe(1);
  });

  it('one options file serves every set: an exception for a check of a set not judged waits, unmatched, naming the set', () => {
    const hybridException = { ...placement(), check: 'shared-service-principal-clean', requirementSet: 'hybrid' as const };
    const graphRest = scenarioReport('dag-copy-on-2013', [hybridException]);
    expect(graphRest.exceptions?.[0]).toMatchObject({ state: 'unmatched' });
    expect(graphRest.exceptions?.[0]?.detail).toBe(
      'Matches no failure: shared-service-principal-clean belongs to the hybrid requirement set, which this assessment did not judge (--requirements graph-rest).',
    );
    const hybrid = scenarioReport('hybrid-shared-app', [hybridException]);
    expect(hybrid.exceptions?.[0]?.state).toBe('accepted');
    expect(hybrid.results.find((entry) => entry.id === 'shared-service-principal-clean')?.accepted).toBe(true);
  });

  it('the assessment date is the date collectedAt records', () => {
    expect(assessmentDate('2026-11-20T23:30:00-05:00')).toBe('2026-11-20');
    expect(() => assessmentDate('yesterday')).toThrow(/does not start with a date/);
  });
});

// Properties over random results and exceptions: an exception never changes a status, and the verdict with
// exceptions is the verdict of the same results with the accepted failures taken out.
const statusArb = fc.constantFrom('pass', 'fail', 'warn', 'not-applicable', 'manual', 'error', 'skipped') as fc.Arbitrary<
  CheckResult['status']
>;
const subjectArb = fc.constantFrom('EX01', 'EX02', 'DB01');
const resultArb = (id: string) =>
  fc
    .record({
      status: statusArb,
      severity: fc.constantFrom('blocker', 'warning', 'advice'),
      failing: fc.subarray(['EX01', 'EX02', 'DB01']),
    })
    .map(
      ({ status, severity, failing }): CheckResult => ({
        id,
        title: id,
        severity: severity as CheckResult['severity'],
        requirement: { id: null, text: '', sources: [] },
        status,
        summary: '',
        findings:
          status === 'fail'
            ? failing.map(
                (name): Finding => ({
                  subject: { kind: 'server', name },
                  status: 'fail',
                  messageId: 'm',
                  message: '',
                  remediation: null,
                  evidence: {},
                }),
              )
            : [],
        evidence: {},
        remediation: null,
        artifacts: { required: [], optional: [], missing: [] },
        reason: null,
      }),
    );
const exceptionArb = fc.record({
  check: fc.constantFrom('a', 'b', 'c'),
  subject: fc.option(subjectArb, { nil: undefined }),
  reason: fc.constant('r'),
  owner: fc.constant('o'),
  expires: fc.constantFrom('2026-01-01', '2026-06-30', '2027-01-01'),
});

describe('exception properties', () => {
  it('statuses never change; accepted failures are exactly the ones the verdict stops counting', () => {
    fc.assert(
      fc.property(
        fc.tuple(resultArb('a'), resultArb('b'), resultArb('c')),
        fc.array(exceptionArb, { maxLength: 5 }),
        (results, declared) => {
          const applied = applyExceptions(results, declared, '2026-06-30T12:00:00Z');
          expect(applied.results.map((result) => result.status)).toEqual(results.map((result) => result.status));
          expect(applied.exceptions).toHaveLength(declared.length);
          for (const result of applied.results) if (result.accepted) expect(result.status).toBe('fail');
          const withoutAccepted = applied.results.map((result) => (result.accepted ? { ...result, status: 'pass' as const } : result));
          expect(verdictOf(applied.results).verdict).toBe(verdictOf(withoutAccepted).verdict);
          // Only exceptions in force accept; once every one has expired the verdict is the original one.
          const later = applyExceptions(results, declared, '2027-01-02T00:00:00Z');
          expect(later.results.some((result) => result.accepted)).toBe(false);
          expect(verdictOf(later.results).verdict).toBe(verdictOf(results).verdict);
        },
      ),
    );
  });
});
