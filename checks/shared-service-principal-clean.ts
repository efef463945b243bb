// H3 (security): the shared "Office 365 Exchange Online" service principal carries no key credentials uploaded from
// on-premises. Such a credential lets whoever holds the Auth certificate's key — any admin of an Exchange server —
// act as Exchange Online in the tenant (CVE-2025-53786). Facts and sources: docs/facts/hybrid.md.
import { defineCheck, type FindingInput, type MessageData } from './api.js';
import { FIRST_PARTY_APP_ID } from './lib/hybrid-app.js';
import { configureScriptDoc, cveDoc, deployDedicatedAppDoc, securityChangesBlog } from './lib/hybrid-sources.js';
import { authCertificateRole, authCertificatesOf, credentialEvidence, dayOf, validityOn } from './lib/key-credentials.js';

type MessageId =
  | 'principal-absent'
  | 'no-key-credentials'
  | 'leftover-credential'
  | 'expired-leftover'
  | 'fix-reset'
  | 'summary-clean'
  | 'summary-absent'
  | 'summary-fail'
  | 'summary-warn';

const RESET_COMMAND = '.\\ConfigureExchangeHybridApplication.ps1 -ResetFirstPartyServicePrincipalKeyCredentials';

export default defineCheck({
  id: 'shared-service-principal-clean',
  title: 'The shared Exchange Online service principal carries no on-premises credentials',
  description:
    `Reads the key credentials of the tenant's "Office 365 Exchange Online" service principal (appId ${FIRST_PARTY_APP_ID}) ` +
    'from Microsoft Graph: every credential on it was uploaded from on-premises (the Hybrid Configuration Wizard put the Auth ' +
    'certificate there) and is the CVE-2025-53786 exposure; each is listed with its thumbprint and dates.',
  requirement: {
    id: 'H3',
    text: 'After moving to the dedicated hybrid application, the key credentials on-premises added to the shared Office 365 Exchange Online service principal must be removed (CVE-2025-53786).',
    sources: [cveDoc, securityChangesBlog, deployDedicatedAppDoc],
  },
  requirementSet: 'hybrid',
  severity: 'blocker',
  requiredArtifacts: ['ExchangeOnlineServicePrincipal'],
  optionalArtifacts: ['ExchangeAuthConfig'],
  messages: {
    'principal-absent':
      'The tenant has no "Office 365 Exchange Online" service principal ({{appId}}), so no credential from on-premises can be on it.',
    'no-key-credentials': 'The shared "Office 365 Exchange Online" service principal carries no key credentials.',
    'leftover-credential':
      'The shared "Office 365 Exchange Online" service principal carries the key credential {{thumbprint}} ({{what}}), valid {{start}} to {{end}}: whoever holds its private key can act as Exchange Online in this tenant (CVE-2025-53786).',
    'expired-leftover':
      'The shared service principal still carries the key credential {{thumbprint}} ({{what}}), expired on {{end}}: no longer usable, but remove it with the others.',
    'fix-reset': `Once every Exchange server runs a build that supports the dedicated application and it works, remove the credentials from an elevated Exchange Management Shell: ${RESET_COMMAND}`,
    'summary-clean': 'The shared Office 365 Exchange Online service principal carries no key credentials.',
    'summary-absent': 'The tenant has no Office 365 Exchange Online service principal, so it carries no credentials.',
    'summary-fail':
      'The shared Office 365 Exchange Online service principal carries {{count}} usable key {{count|credential|credentials}} from on-premises: {{thumbprints}}.',
    'summary-warn':
      'The shared Office 365 Exchange Online service principal carries {{count}} expired key {{count|credential|credentials}}: {{thumbprints}}.',
  },
  remediation: {
    summary:
      `Remove every key credential from the shared Office 365 Exchange Online service principal (${RESET_COMMAND}) after the dedicated ` +
      'application is in use on every server; rich coexistence no longer needs them, and they are the CVE-2025-53786 exposure.',
    links: [configureScriptDoc, cveDoc],
  },

  run({ artifacts: { ExchangeOnlineServicePrincipal: principal, ExchangeAuthConfig: auth }, now }) {
    const subject = { kind: 'configuration', name: 'Office 365 Exchange Online service principal' } as const;
    if (!principal.found) {
      return {
        summary: { messageId: 'summary-absent' },
        findings: [
          {
            subject,
            status: 'pass',
            messageId: 'principal-absent',
            data: { appId: principal.appId },
            evidence: { appId: principal.appId, found: false },
          },
        ],
      };
    }
    if (principal.keyCredentials.length === 0) {
      return {
        summary: { messageId: 'summary-clean' },
        findings: [
          { subject, status: 'pass', messageId: 'no-key-credentials', evidence: { servicePrincipalId: principal.id, keyCredentials: [] } },
        ],
      };
    }
    const certificates = authCertificatesOf(auth);
    const findings = principal.keyCredentials.map((credential): FindingInput<MessageId> => {
      const role = authCertificateRole(credential, certificates);
      const name = credential.thumbprint ?? credential.keyId ?? 'unidentified';
      const what = role
        ? `the ${role} on-premises Auth certificate`
        : auth?.authConfig
          ? 'not one of the on-premises Auth certificates in AD'
          : 'the on-premises Auth certificates were not read';
      const data: MessageData = { thumbprint: name, what, start: dayOf(credential.startDateTime), end: dayOf(credential.endDateTime) };
      const evidence = { servicePrincipalId: principal.id, ...credentialEvidence(credential, now, certificates) };
      const expired = validityOn(credential, now) === 'expired';
      return {
        subject: { kind: 'configuration', name: `key credential ${name}` },
        status: expired ? 'warn' : 'fail',
        messageId: expired ? 'expired-leftover' : 'leftover-credential',
        remediationId: 'fix-reset',
        data,
        evidence,
      };
    });
    const failing = findings.filter((finding) => finding.status === 'fail');
    const listedOf = (entries: FindingInput<MessageId>[]) => entries.map((finding) => finding.data?.['thumbprint']).join(', ');
    const summary: { messageId: MessageId; data: MessageData } =
      failing.length > 0
        ? { messageId: 'summary-fail', data: { count: failing.length, thumbprints: listedOf(failing) } }
        : { messageId: 'summary-warn', data: { count: findings.length, thumbprints: listedOf(findings) } };
    return { summary, findings, evidence: { servicePrincipalId: principal.id, appId: principal.appId } };
  },
});
