// Reading Entra key credentials for the hybrid checks: valid on a date (startDateTime ≤ date < endDateTime), how many
// days remain, and whether one is the on-premises Auth certificate (thumbprint, case-insensitive hex).
import type { ExchangeAuthConfig, KeyCredential } from '../../src/inventory/artifacts.js';
import type { EvidenceValue } from '../api.js';

const DAY_MS = 86_400_000;

function instant(value: string | null): number | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

export type Validity = 'valid' | 'expired' | 'not-yet-valid' | 'unknown';

/** A credential without a readable end date is not counted as valid: its expiry cannot be shown. */
export function validityOn(credential: KeyCredential, now: Date): Validity {
  const start = instant(credential.startDateTime);
  const end = instant(credential.endDateTime);
  if (end === null) return 'unknown';
  if (now.getTime() >= end) return 'expired';
  if (start !== null && now.getTime() < start) return 'not-yet-valid';
  return 'valid';
}

/** Whole days from now until the credential ends (0 on its last day). */
export function daysLeft(credential: KeyCredential, now: Date): number | null {
  const end = instant(credential.endDateTime);
  return end === null ? null : Math.floor((end - now.getTime()) / DAY_MS);
}

export function normaliseThumbprint(value: string | null | undefined): string | null {
  const hex = value?.replace(/[\s:]/g, '').toUpperCase() ?? '';
  return /^[0-9A-F]{40}$/.test(hex) ? hex : null;
}

export interface AuthCertificates {
  current: string | null;
  next: string | null;
  previous: string | null;
}

export function authCertificatesOf(auth: Pick<ExchangeAuthConfig, 'authConfig'> | undefined): AuthCertificates {
  const config = auth?.authConfig ?? null;
  return {
    current: normaliseThumbprint(config?.currentThumbprint),
    next: normaliseThumbprint(config?.nextThumbprint),
    previous: normaliseThumbprint(config?.previousThumbprint),
  };
}

/** Which Auth certificate of the on-premises organization a credential is, if any. */
export function authCertificateRole(credential: KeyCredential, certificates: AuthCertificates): 'current' | 'next' | 'previous' | null {
  const thumbprint = normaliseThumbprint(credential.thumbprint);
  if (thumbprint === null) return null;
  if (thumbprint === certificates.current) return 'current';
  if (thumbprint === certificates.next) return 'next';
  if (thumbprint === certificates.previous) return 'previous';
  return null;
}

/** The credential ending last; null for none. */
export function newestEnding(credentials: readonly KeyCredential[]): KeyCredential | null {
  let newest: KeyCredential | null = null;
  for (const credential of credentials) {
    const end = instant(credential.endDateTime);
    if (end !== null && (newest === null || end > (instant(newest.endDateTime) ?? Number.NEGATIVE_INFINITY))) newest = credential;
  }
  return newest;
}

/** One credential as evidence: what a reader needs to find it in the Entra admin center. */
export function credentialEvidence(
  credential: KeyCredential,
  now: Date,
  certificates?: AuthCertificates,
): { [key: string]: EvidenceValue } {
  return {
    keyId: credential.keyId,
    displayName: credential.displayName,
    thumbprint: credential.thumbprint,
    thumbprintSource: credential.thumbprintSource,
    customKeyIdentifier: credential.customKeyIdentifier,
    startDateTime: credential.startDateTime,
    endDateTime: credential.endDateTime,
    validity: validityOn(credential, now),
    daysLeft: daysLeft(credential, now),
    ...(certificates ? { authCertificate: authCertificateRole(credential, certificates) } : {}),
  };
}

/** "2026-12-13" for messages. */
export function dayOf(value: string | null): string {
  return value?.slice(0, 10) ?? 'no date';
}
