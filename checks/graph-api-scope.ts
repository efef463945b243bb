// R9: for mailboxes on-premises Graph serves only v1.0 Mail, Calendar and Contacts; every other API set or version
// answers with the preview error. Judges the Graph calls the application declares (config `apis:`).
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import { findingsAbout } from './lib/findings-about.js';
import { scopeOfGraphCall } from './lib/graph-call.js';

/** The error on-premises mailboxes answer outside the supported set, quoted from Microsoft's hybrid document. */
const PREVIEW_ERROR =
  'REST APIs for this mailbox are currently in preview. You can find more information about the preview REST APIs at https://dev.outlook.com.';

type MessageId =
  | 'in-scope'
  | 'no-version'
  | 'uncertain'
  | 'directory'
  | 'other-version'
  | 'other-api-set'
  | 'not-graph'
  | 'fix-version'
  | 'fix-add-version'
  | 'fix-api-set'
  | 'fix-verify'
  | 'fix-declare'
  | 'summary-none'
  | 'summary-directory-only'
  | 'summary-pass'
  | 'summary-warn'
  | 'summary-manual'
  | 'summary-fail';

export default defineCheck({
  id: 'graph-api-scope',
  title: 'Declared Graph calls stay within v1.0 Mail, Calendar and Contacts',
  description:
    'Reads the Graph calls the application declares (config apis:) and checks that each is a v1.0 Mail, Calendar or ' +
    'Contacts call on a user mailbox, the only API sets Graph serves for mailboxes on-premises.',
  requirement: {
    id: 'R9',
    text: 'Only v1.0 of the Mail, Calendar and Contacts APIs is available for on-premises mailboxes in hybrid deployments; other API sets and versions answer with the preview error.',
    sources: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: [],
  optionalArtifacts: ['DeclaredApis'],
  messages: {
    'in-scope': '{{call}} uses the v1.0 {{apiSet}} API ({{resource}}), which Graph serves for on-premises mailboxes.',
    'no-version':
      '{{call}} uses the {{apiSet}} API ({{resource}}) but names no API version; only v1.0 is served for on-premises mailboxes.',
    uncertain: '{{call}} cannot be confirmed for on-premises mailboxes: {{why}}.',
    directory: '{{call}} reads the directory ({{resource}}), not a mailbox: Graph answers it wherever the mailbox lives.',
    'other-version': `{{call}} uses the {{version}} endpoint; only v1.0 is served for on-premises mailboxes, which answer: "${PREVIEW_ERROR}"`,
    'other-api-set': `{{call}} uses {{resource}}, outside the v1.0 Mail, Calendar and Contacts APIs; for an on-premises mailbox Graph answers: "${PREVIEW_ERROR}"`,
    'not-graph': '{{call}} cannot be judged: {{why}}.',
    'fix-version':
      'Call the v1.0 endpoint (https://graph.microsoft.com/v1.0/…) for mailboxes on-premises; {{version}} is served only for mailboxes in Exchange Online.',
    'fix-add-version':
      'Call {{resource}} under /v1.0/ explicitly (https://graph.microsoft.com/v1.0/…): a client or base URL set to beta sends it where on-premises mailboxes are not served.',
    'fix-api-set':
      'Keep calls for on-premises mailboxes to v1.0 Mail, Calendar and Contacts, or move the mailboxes to Exchange Online before using {{resource}}.',
    'fix-verify': 'Try {{call}} against a test mailbox on-premises before relying on it, and treat the preview error as "not served".',
    'fix-declare':
      'Declare the call as a Graph URL in apis:, e.g. { method: GET, url: /v1.0/me/messages } or https://graph.microsoft.com/v1.0/me/messages.',
    'summary-none': 'No Graph calls are declared (config apis:), so the API scope does not apply.',
    'summary-directory-only':
      '{{total|The|None of the}} {{total}} declared {{total|call reaches no|calls reaches a}} mailbox, so the mailbox API scope does not ' +
      'restrict {{total|it|them}}.',
    'summary-pass':
      '{{inScope|The|All}} {{inScope}} declared mailbox {{inScope|call is|calls are}} within v1.0 Mail, Calendar and Contacts ' +
      '({{total}} declared).',
    'summary-warn':
      '{{warned}} of {{total}} declared {{total|call|calls}} could not be confirmed as served for on-premises mailboxes; none is outside the supported set.',
    'summary-manual': '{{unknown}} of {{total}} declared {{total|call|calls}} could not be judged; none is outside the supported set.',
    'summary-fail':
      '{{failed}} of {{total}} declared Graph {{total|call|calls}} {{failed|falls|fall}} outside v1.0 Mail, Calendar and Contacts, the only APIs served for on-premises mailboxes.',
  },
  remediation: {
    summary:
      'Limit what the application does with on-premises mailboxes to Graph v1.0 Mail, Calendar and Contacts, or move those ' +
      'mailboxes to Exchange Online. Note that Microsoft retired Graph REST for on-premises mailboxes entirely from March 2023.',
    links: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
      {
        title: 'Outlook mail API overview',
        url: 'https://learn.microsoft.com/en-us/graph/api/resources/mail-api-overview?view=graph-rest-1.0',
      },
    ],
  },

  run({ artifacts: { DeclaredApis: declared } }) {
    const calls = declared?.calls ?? [];
    if (calls.length === 0) return { status: 'not-applicable', summary: { messageId: 'summary-none' }, findings: [] };

    const findings = calls.map(({ method, url }): FindingInput<MessageId> => {
      const call = `${method.toUpperCase()} ${url}`;
      const scope = scopeOfGraphCall(url);
      const subject = { kind: 'api-call' as const, name: call };
      const evidence = { method: method.toUpperCase(), url, scope: { ...scope } };
      const finding = findingsAbout<MessageId>(subject, { call }, evidence);
      switch (scope.verdict) {
        case 'in-scope':
          return scope.version === null
            ? finding('warn', 'no-version', { apiSet: scope.apiSet, resource: scope.resource }, 'fix-add-version')
            : finding('pass', 'in-scope', { apiSet: scope.apiSet, resource: scope.resource });
        case 'uncertain':
          return finding('warn', 'uncertain', { why: scope.why }, 'fix-verify');
        case 'directory':
          return finding('not-applicable', 'directory', { resource: scope.resource });
        case 'other-version':
          return finding('fail', 'other-version', { version: scope.version, resource: scope.resource }, 'fix-version');
        case 'other-api-set':
          return finding('fail', 'other-api-set', { resource: scope.resource }, 'fix-api-set');
        case 'not-graph':
          return finding('manual', 'not-graph', { why: scope.why }, 'fix-declare');
      }
    });

    const total = calls.length;
    const count = (status: string) => findings.filter((finding) => finding.status === status).length;
    const summary: { messageId: MessageId; data: MessageData } =
      count('fail') > 0
        ? { messageId: 'summary-fail', data: { failed: count('fail'), total } }
        : count('manual') > 0
          ? { messageId: 'summary-manual', data: { unknown: count('manual'), total } }
          : count('warn') > 0
            ? { messageId: 'summary-warn', data: { warned: count('warn'), total } }
            : count('pass') > 0
              ? { messageId: 'summary-pass', data: { inScope: count('pass'), total } }
              : { messageId: 'summary-directory-only', data: { total } };
    return { summary, findings, evidence: { preview: PREVIEW_ERROR } };
  },
});
