// The JUnit XML reporter, for CI test tabs (Azure DevOps "Publish Test Results", GitLab `artifacts:reports:junit`,
// Jenkins `junit`): one test case per check, classname `hybrid-readiness.<severity>` so CI groups them by severity.
//   fail → <failure>             error → <error> (the evidence could not be collected or the check crashed)
//   accepted fail, manual, not-applicable, skipped → <skipped> with the reason as text (like pytest's xfail)
//   pass, warn → a passed test case; a warn's caveat goes to <system-out>
// Each case's <system-out> carries its findings, evidence and remediation. The exit code of `assess` is the
// gate; this file records each check's own result (an advice check can fail here while the job passes).
// Shape: test/schemas/jenkins-junit.xsd (<skipped> holds text, no attributes; element order matters).
import { selectionTitle } from '../../checks/requirement-sets.js';
import type { CheckResult, Report } from '../report/report.js';
import { escapeXml as attr, escapeXmlText as text } from './escape.js';
import {
  displayStatus,
  EXCEPTION_STATE_LABEL,
  evidenceJson,
  exceptionTerms,
  notableFindings,
  provenanceFacts,
  requirementsOf,
  STATUS_LABEL,
  VERDICT_LABEL,
} from './presentation.js';

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

function outcomeOf(result: CheckResult): Outcome {
  switch (displayStatus(result)) {
    case 'fail':
      return 'failure';
    case 'error':
      return 'error';
    case 'accepted':
    case 'manual':
    case 'not-applicable':
    case 'skipped':
      return 'skipped';
    case 'pass':
    case 'warn':
      return 'passed';
  }
}

export function renderJunit(report: Report): string {
  const outcomes = report.results.map(outcomeOf);
  const count = (outcome: Outcome) => outcomes.filter((entry) => entry === outcome).length;
  const totals = `tests="${report.results.length}" failures="${count('failure')}" errors="${count('error')}"`;
  const host = report.provenance.settings['collectedFrom'];
  const suite = `Exchange hybrid readiness (${selectionTitle(requirementsOf(report))})`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hybrid-readiness" ${totals} time="0">`,
    `  <testsuite name="${attr(suite)}" ${totals} skipped="${count('skipped')}" time="0" timestamp="${timestampOf(report.provenance.collectedAt)}" hostname="${attr(typeof host === 'string' && host ? host : 'localhost')}">`,
    '    <properties>',
    ...properties(report).map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...report.results.map((result) => testCase(result)),
    `    <system-out>${text(suiteText(report))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

/** Ant/Jenkins timestamps carry no zone: the UTC time of collection. */
function timestampOf(collectedAt: string): string {
  const date = new Date(collectedAt);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00' : date.toISOString().slice(0, 19);
}

function properties(report: Report): [string, string][] {
  return [
    ['requirementSet', requirementsOf(report)],
    ['verdict', report.verdict],
    ['verdictReason', report.verdictReason],
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['catalogueVersion', report.tool.catalogueVersion],
    ['collectedAt', report.provenance.collectedAt],
    ['source', report.provenance.source === 'inventory' ? `inventory ${report.provenance.inventoryFile ?? ''}`.trim() : 'live'],
    ['failOn', report.provenance.evaluation.failOn],
  ];
}

function testCase(result: CheckResult): string {
  const open = `    <testcase name="${attr(result.id)}" classname="hybrid-readiness.${attr(result.severity)}" time="0">`;
  const outcome = outcomeOf(result);
  const body: string[] = [];
  const headline = `${result.title}: ${result.summary}`;
  if (outcome === 'skipped') body.push(`      <skipped>${text(skipReason(result))}</skipped>`);
  if (outcome === 'error')
    body.push(`      <error message="${attr(result.reason ?? result.summary)}" type="error">${text(headline)}</error>`);
  if (outcome === 'failure')
    body.push(`      <failure message="${attr(result.summary)}" type="${attr(failureType(result))}">${text(detailText(result))}</failure>`);
  body.push(`      <system-out>${text(detailText(result))}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

/** "blocker R2" — what kind of requirement failed, for CI views that show the type. */
function failureType(result: CheckResult): string {
  return [result.severity, result.requirement.id].filter(Boolean).join(' ');
}

function skipReason(result: CheckResult): string {
  switch (displayStatus(result)) {
    case 'accepted': {
      const accepted = (result.exceptions ?? []).filter((exception) => exception.state === 'accepted');
      return `Failed, accepted as a risk: ${accepted.map(exceptionTerms).join('; ')}. ${result.summary}`;
    }
    case 'manual':
      return `Verify by hand: ${result.summary}`;
    case 'not-applicable':
      return `Not applicable: ${result.summary}`;
    default:
      return result.reason ? `Not run: ${result.reason}` : result.summary;
  }
}

/** Everything a CI user needs to act on the check, as plain text. */
function detailText(result: CheckResult): string {
  const lines = [
    `${STATUS_LABEL[displayStatus(result)]} ${result.id}: ${result.title} (${failureType(result)}; requirement set ${result.requirementSet ?? 'graph-rest'})`,
    `Requirement: ${result.requirement.text}`,
    `Summary: ${result.summary}`,
  ];
  if (result.reason) lines.push(`Reason: ${result.reason}`);
  for (const exception of result.exceptions ?? []) {
    lines.push(
      `${EXCEPTION_STATE_LABEL[exception.state]}${exception.subject ? ` for ${exception.subject}` : ''}: ${exceptionTerms(exception)}. ${exception.detail}`,
    );
  }
  for (const finding of notableFindings(result)) {
    lines.push('', `${STATUS_LABEL[finding.status]} ${finding.subject.kind} ${finding.subject.name}: ${finding.message}`);
    if (finding.remediation) lines.push(`  Fix: ${finding.remediation}`);
    if (Object.keys(finding.evidence).length > 0) lines.push(`  Evidence: ${evidenceJson(finding.evidence).replace(/\n/g, '\n  ')}`);
  }
  if (Object.keys(result.evidence).length > 0) lines.push('', `Evidence: ${evidenceJson(result.evidence)}`);
  if (result.remediation) {
    lines.push('', `Remediation: ${result.remediation.summary}`);
    for (const link of result.remediation.links) lines.push(`  - ${link.title}: ${link.url}`);
  }
  return lines.join('\n');
}

function suiteText(report: Report): string {
  const lines = [`Verdict: ${VERDICT_LABEL[report.verdict]} — ${report.verdictReason}`, ''];
  for (const exception of (report.exceptions ?? []).filter((entry) => entry.state === 'unmatched')) {
    lines.push(`Unmatched exception for ${exception.check}${exception.subject ? ` (${exception.subject})` : ''}: ${exception.detail}`);
  }
  for (const notice of report.notices)
    lines.push(`Notice: ${notice.title}. ${notice.text}`, ...notice.sources.map((source) => `  - ${source.title}: ${source.url}`));
  lines.push('', ...provenanceFacts(report).map((fact) => `${fact.label}: ${fact.value}`));
  return lines.join('\n');
}
