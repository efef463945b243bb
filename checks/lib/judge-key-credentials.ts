// hybrid-app-credentials, the key-credential part: the dedicated application must carry the current on-premises
// Auth certificate as a key credential valid on the assessment date (warn when it ends soon), and the next one
// when Exchange has one lined up. Where AD gives no thumbprint, validity alone is judged and the evidence says so.
import type { ExchangeAuthConfig, HybridApplications, KeyCredential } from '../../src/inventory/artifacts.js';
import type { FindingInput } from '../api.js';
import {
  authCertificateRole,
  authCertificatesOf,
  credentialEvidence,
  dayOf,
  daysLeft,
  newestEnding,
  normaliseThumbprint,
  validityOn,
} from './key-credentials.js';

export type CredentialMessageId =
  | 'credential-valid'
  | 'credential-expiring'
  | 'no-valid-credential'
  | 'credential-not-auth-certificate'
  | 'next-certificate-missing'
  | 'credential-thumbprint-unknown'
  | 'fix-update-certificate';

type Application = HybridApplications['applications'][number];

export function judgeKeyCredentials(
  app: Application,
  label: string,
  subject: { kind: 'configuration'; name: string },
  auth: ExchangeAuthConfig,
  now: Date,
  warnDays: number,
): FindingInput<CredentialMessageId>[] {
  const certificates = authCertificatesOf(auth);
  const all = app.keyCredentials;
  const evidence = {
    keyCredentials: all.map((credential) => credentialEvidence(credential, now, certificates)),
    authCertificate: {
      current: certificates.current,
      next: certificates.next,
      nextEffectiveDate: auth.authConfig?.nextEffectiveDate ?? null,
    },
  };
  const fix = 'fix-update-certificate' as const;
  const valid = all.filter((credential) => validityOn(credential, now) === 'valid');
  if (valid.length === 0) {
    const credentials = all.map(
      (credential) => `${credential.thumbprint ?? credential.keyId ?? '?'} ${validityOn(credential, now)} ${dayOf(credential.endDateTime)}`,
    );
    return [
      {
        subject,
        status: 'fail',
        messageId: 'no-valid-credential',
        remediationId: fix,
        data: { app: label, date: now.toISOString().slice(0, 10), credentials: credentials.join(', ') || 'none at all' },
        evidence,
      },
    ];
  }
  let relevant: KeyCredential[] = valid;
  const findings: FindingInput<CredentialMessageId>[] = [];
  if (certificates.current) {
    const current = valid.filter((credential) => authCertificateRole(credential, certificates) === 'current');
    if (current.length === 0) {
      const unreadable = valid.filter((credential) => normaliseThumbprint(credential.thumbprint) === null);
      if (unreadable.length > 0) {
        const credentials = unreadable.map(
          (credential) => `${credential.keyId ?? '?'}: customKeyIdentifier ${credential.customKeyIdentifier ?? 'absent'}`,
        );
        return [
          {
            subject,
            status: 'manual',
            messageId: 'credential-thumbprint-unknown',
            data: { app: label, credentials: credentials.join(', '), current: certificates.current },
            evidence,
          },
        ];
      }
      const thumbprints = valid.map((credential) => credential.thumbprint ?? '?').join(', ');
      return [
        {
          subject,
          status: 'fail',
          messageId: 'credential-not-auth-certificate',
          remediationId: fix,
          data: { app: label, count: valid.length, thumbprints, current: certificates.current },
          evidence,
        },
      ];
    }
    relevant = current;
    if (certificates.next && !valid.some((credential) => authCertificateRole(credential, certificates) === 'next')) {
      findings.push({
        subject,
        status: 'warn',
        messageId: 'next-certificate-missing',
        remediationId: fix,
        data: { app: label, next: certificates.next, effective: dayOf(auth.authConfig?.nextEffectiveDate ?? null) },
        evidence,
      });
    }
  }
  const newest = newestEnding(relevant) as KeyCredential;
  const days = daysLeft(newest, now) ?? 0;
  const role = authCertificateRole(newest, certificates);
  const data = {
    app: label,
    thumbprint: newest.thumbprint ?? newest.keyId ?? 'unknown thumbprint',
    role: role ? `the ${role} Auth certificate` : 'thumbprint not compared: AD gave no Auth certificate thumbprint',
    end: dayOf(newest.endDateTime),
    days,
  };
  findings.unshift(
    days < warnDays
      ? { subject, status: 'warn', messageId: 'credential-expiring', remediationId: fix, data, evidence }
      : { subject, status: 'pass', messageId: 'credential-valid', data, evidence },
  );
  return findings;
}
