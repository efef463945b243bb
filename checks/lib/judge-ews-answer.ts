// ews-oauth-reachable, one address: what an unauthenticated GET /EWS/Exchange.asmx got. Exchange's 401 Bearer
// challenge passes only when trusted_issuers names the assessed tenant (00000001-…@<tenant>, the cloud issuer) and
// the connection was trusted; an answer read over an untrusted or name-mismatched TLS connection is at most a warning.
import type { ConnectionTrust, EwsEndpointProbes } from '../../src/inventory/artifacts.js';
import type { Evidence, EvidenceValue, FindingInput, Subject } from '../api.js';
import { untrustedBecause } from './connection-trust.js';
import { findingsAbout } from './findings-about.js';
import { classifyRestResponse, shortExcerpt } from './http-evidence.js';

export type EwsMessageId =
  | 'oauth-challenge'
  | 'untrusted-tls'
  | 'other-tenant'
  | 'no-cloud-trust'
  | 'tenant-unknown'
  | 'preauth'
  | 'blocked'
  | 'oauth-not-offered'
  | 'not-found'
  | 'unreachable'
  | 'unexpected'
  | 'fix-preauth'
  | 'fix-gateway'
  | 'fix-oauth'
  | 'fix-tls'
  | 'fix-reachable';

type Probe = EwsEndpointProbes['hosts'][number]['probes'][number];

/** The trust of the probe's TLS handshake, in the shape every answer carries (null: no TLS session was made). */
function trustOf(probe: Probe): ConnectionTrust | null {
  const tls = probe.endpoint.tls;
  return tls ? { trusted: tls.trusted, coversName: tls.coversName, verifyError: tls.verifyError } : null;
}

export function judgeEwsAnswer(subject: Subject, host: string, probe: Probe, tenants: readonly string[]): FindingInput<EwsMessageId> {
  const judged = classifyRestResponse(probe.response, probe.challenges);
  const endpoint = `${host} (${probe.endpoint.address})`;
  const evidence: Evidence = {
    url: probe.response.url,
    address: probe.endpoint.address,
    classification: judged.kind,
    status: judged.status,
    location: judged.redirect?.location ?? null,
    schemes: judged.schemes,
    server: judged.server,
    exchangeSignals: judged.exchangeSignals,
    trustedIssuers: judged.bearer?.trustedIssuers ?? [],
    cloudTrustRealms: judged.bearer?.cloudTrustRealms ?? [],
    assessedTenant: [...tenants],
    tls: probe.endpoint.tls
      ? { trusted: probe.endpoint.tls.trusted, coversName: probe.endpoint.tls.coversName, verifyError: probe.endpoint.tls.verifyError }
      : null,
    headers: Object.fromEntries(
      Object.entries(probe.response.headers).map(([name, values]): [string, EvidenceValue] => [name, [...values]]),
    ),
    error: probe.response.error ? `${probe.response.error.code}: ${probe.response.error.message}` : null,
  };
  const schemes = judged.schemes.length > 0 ? `offers ${judged.schemes.join(', ')}` : 'no authentication challenge';
  const finding = findingsAbout<EwsMessageId>(
    subject,
    { endpoint, host, address: probe.endpoint.address, status: judged.status ?? 'no status', server: judged.server ?? 'not named' },
    evidence,
  );
  switch (judged.kind) {
    case 'oauth-challenge': {
      const realms = (judged.bearer?.cloudTrustRealms ?? []).map((realm) => realm.toLowerCase());
      if (realms.length === 0)
        return finding('fail', 'no-cloud-trust', { issuers: judged.bearer?.trustedIssuers.join(', ') || 'none' }, 'fix-oauth');
      if (tenants.length === 0) return finding('manual', 'tenant-unknown', { realms: realms.join(', ') });
      const tenant = tenants.find((id) => realms.includes(id));
      if (!tenant) return finding('fail', 'other-tenant', { realms: realms.join(', '), tenant: tenants.join(', ') }, 'fix-oauth');
      const why = untrustedBecause(trustOf(probe));
      if (why === null) return finding('pass', 'oauth-challenge', { tenant });
      const what = `${endpoint} answers GET /EWS/Exchange.asmx with the Bearer challenge trusting ${tenant}`;
      return finding('warn', 'untrusted-tls', { tenant, what, why, name: host }, 'fix-tls');
    }
    case 'preauth-redirect':
      return finding(
        'fail',
        'preauth',
        { location: judged.redirect ? `to ${judged.redirect.location}` : '(a sign-in form)' },
        'fix-preauth',
      );
    case 'gateway-block':
      return finding('fail', 'blocked', { schemes }, 'fix-gateway');
    case 'oauth-not-offered':
      return finding('fail', 'oauth-not-offered', { schemes }, 'fix-oauth');
    case 'not-found':
      return finding('fail', 'not-found', {}, 'fix-gateway');
    case 'unreachable':
      return finding(
        'fail',
        'unreachable',
        { code: probe.response.error?.code ?? 'NO_STATUS', error: probe.response.error?.message ?? 'the request ended without a status' },
        'fix-reachable',
      );
    case 'other':
      return finding('fail', 'unexpected', { excerpt: shortExcerpt(probe.response.bodyExcerpt) }, 'fix-gateway');
  }
}
