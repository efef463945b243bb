// The SARIF 2.1.0 reporter, for code-scanning style viewers: one rule per check, one result per failing finding
// (a check that failed without findings gives one result for the check itself). What fails here is infrastructure,
// not a line of code, so a result's location is a logical one — the server, database, host, URL or mailbox the
// finding is about — and partialFingerprints (check + subject) let a viewer track the same problem across runs.
// An accepted risk is a SARIF suppression (kind external, status accepted, with the reason as justification); a
// check that could not be evaluated is a tool execution notification, not a result.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import { createHash } from 'node:crypto';
import type { AppliedException, CheckResult, Finding, Report, Severity } from '../report/report.js';
import { provenanceFacts, requirementsOf } from './presentation.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { blocker: 'error', warning: 'warning', advice: 'note' };

export function renderSarif(report: Report): string {
  const rules = report.results.map(ruleOf);
  const results = report.results.flatMap((result, index) => resultsOf(result, index));
  const notifications = report.results.flatMap((result, index) =>
    result.status === 'error'
      ? [
          {
            level: 'error',
            message: { text: `${result.id} could not be evaluated: ${result.reason ?? result.summary}` },
            associatedRule: { id: result.id, index },
          },
        ]
      : [],
  );
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            informationUri: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
            rules,
            properties: { catalogueVersion: report.tool.catalogueVersion },
          },
        },
        invocations: [
          {
            // The tool ran to the end; checks it could not evaluate are the notifications, and the verdict says so.
            executionSuccessful: true,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
        properties: {
          requirementSet: requirementsOf(report),
          verdict: report.verdict,
          verdictReason: report.verdictReason,
          collectedAt: report.provenance.collectedAt,
          provenance: Object.fromEntries(provenanceFacts(report).map((fact) => [fact.label, fact.value])),
          exceptions: report.exceptions ?? [],
          notices: report.notices.map((notice) => ({ id: notice.id, title: notice.title, text: notice.text })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleOf(result: CheckResult) {
  const sources = result.requirement.sources;
  const helpText = [
    ...(result.remediation ? [`Remediation: ${result.remediation.summary}`] : []),
    `Requirement: ${result.requirement.text}`,
    ...sources.map((source) => `- ${source.title}: ${source.url}`),
  ].join('\n');
  return {
    id: result.id,
    name: pascalCase(result.id),
    shortDescription: { text: result.title },
    fullDescription: { text: result.requirement.text },
    ...(sources[0] ? { helpUri: sources[0].url } : {}),
    help: { text: helpText },
    defaultConfiguration: { level: LEVEL[result.severity] },
    properties: {
      severity: result.severity,
      requirement: result.requirement.id,
      requirementSet: result.requirementSet ?? 'graph-rest',
      tags: [
        'exchange-hybrid',
        result.requirementSet ?? 'graph-rest',
        result.severity,
        ...(result.requirement.id ? [result.requirement.id] : []),
      ],
    },
  };
}

function resultsOf(result: CheckResult, ruleIndex: number) {
  if (result.status !== 'fail') return [];
  const failing = result.findings.filter((finding) => finding.status === 'fail');
  const base = { ruleId: result.id, ruleIndex, kind: 'fail', level: LEVEL[result.severity] };
  if (failing.length === 0) {
    return [
      {
        ...base,
        message: { text: result.summary },
        partialFingerprints: { checkSubject: fingerprint(result.id, 'check', result.id) },
        ...suppressionsOf(result.exceptions ?? [], null),
        properties: { evidence: result.evidence, ...exceptionProperties(result.exceptions ?? [], null) },
      },
    ];
  }
  return failing.map((finding) => ({
    ...base,
    message: { text: finding.remediation ? `${finding.message} Fix: ${finding.remediation}` : finding.message },
    locations: [
      {
        logicalLocations: [
          { name: finding.subject.name, fullyQualifiedName: `${finding.subject.kind}/${finding.subject.name}`, kind: 'resource' },
        ],
      },
    ],
    partialFingerprints: { checkSubject: fingerprint(result.id, finding.subject.kind, finding.subject.name) },
    ...suppressionsOf(result.exceptions ?? [], finding),
    properties: {
      subject: finding.subject,
      messageId: finding.messageId,
      evidence: finding.evidence,
      ...exceptionProperties(result.exceptions ?? [], finding),
    },
  }));
}

/** Exceptions that cover this finding (or the whole check): subject-less ones, or those naming its subject. */
function covering(exceptions: readonly AppliedException[], finding: Finding | null): AppliedException[] {
  return exceptions.filter(
    (exception) =>
      exception.subject === null || (finding !== null && exception.subject.toLowerCase() === finding.subject.name.toLowerCase()),
  );
}

function suppressionsOf(exceptions: readonly AppliedException[], finding: Finding | null) {
  const accepted = covering(exceptions, finding).filter((exception) => exception.state === 'accepted');
  if (accepted.length === 0) return {};
  return {
    suppressions: accepted.map((exception) => ({
      kind: 'external',
      status: 'accepted',
      justification: exception.reason,
      properties: { owner: exception.owner, ticket: exception.ticket, expires: exception.expires },
    })),
  };
}

/** An expired exception is no suppression, but the reader should see that one existed. */
function exceptionProperties(exceptions: readonly AppliedException[], finding: Finding | null) {
  const expired = covering(exceptions, finding).filter((exception) => exception.state === 'expired');
  return expired.length > 0 ? { expiredExceptions: expired } : {};
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256')
    .update(parts.map((part) => part.toLowerCase()).join('\u0000'))
    .digest('hex');
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}
