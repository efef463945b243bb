import { describe, expect, it } from 'vitest';
import check from '../../checks/shared-service-principal-clean.js';
import { createCheckTester } from '../support/check-tester.js';
import { APP_ID, authConfig, CURRENT, credential, FIRST_PARTY, NEXT, NOW, sharedPrincipal } from './hybrid-cases.js';

const { run } = createCheckTester(check);

describe('shared-service-principal-clean', () => {
  it('passes when the shared principal carries no key credentials', () => {
    const result = run({ artifacts: { ExchangeOnlineServicePrincipal: sharedPrincipal() }, now: NOW });
    expect(result.status).toBe('pass');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['no-key-credentials']);
    expect(result.summary).toBe('The shared Office 365 Exchange Online service principal carries no key credentials.');
  });

  it('passes when the tenant has no Exchange Online service principal at all', () => {
    const result = run({ artifacts: { ExchangeOnlineServicePrincipal: sharedPrincipal([], false) }, now: NOW });
    expect(result.status).toBe('pass');
    expect(result.findings[0]?.messageId).toBe('principal-absent');
    expect(result.findings[0]?.message).toContain(FIRST_PARTY);
  });

  it('fails for each usable leftover, naming its thumbprint, dates, which Auth certificate it is, and the reset command', () => {
    const leftovers = [
      credential(CURRENT, '2024-03-01T10:00:00Z', '2029-03-01T10:00:00Z'),
      credential('AB'.repeat(20), '2023-01-01T00:00:00Z', '2028-01-01T00:00:00Z'),
    ];
    const result = run({
      artifacts: { ExchangeOnlineServicePrincipal: sharedPrincipal(leftovers), ExchangeAuthConfig: authConfig(APP_ID) },
      now: NOW,
    });
    expect(result.status).toBe('fail');
    const [current, other] = result.findings;
    expect(current?.message).toBe(
      `The shared "Office 365 Exchange Online" service principal carries the key credential ${CURRENT} (the current on-premises Auth certificate), valid 2024-03-01 to 2029-03-01: whoever holds its private key can act as Exchange Online in this tenant (CVE-2025-53786).`,
    );
    expect(current?.evidence).toMatchObject({
      thumbprint: CURRENT,
      startDateTime: '2024-03-01T10:00:00Z',
      endDateTime: '2029-03-01T10:00:00Z',
    });
    expect(other?.message).toContain('(not one of the on-premises Auth certificates in AD)');
    expect(current?.remediation).toContain('ConfigureExchangeHybridApplication.ps1 -ResetFirstPartyServicePrincipalKeyCredentials');
    expect(result.summary).toBe(
      `The shared Office 365 Exchange Online service principal carries 2 usable key credentials from on-premises: ${CURRENT}, ${'AB'.repeat(20)}.`,
    );
  });

  it('says when the Auth certificates were not read, and names a credential without thumbprint by its key id', () => {
    const unnamed = credential(null, '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z', { keyId: 'c0ffee00-0000-4000-8000-000000000001' });
    const result = run({ artifacts: { ExchangeOnlineServicePrincipal: sharedPrincipal([unnamed]) }, now: NOW });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.subject.name).toBe('key credential c0ffee00-0000-4000-8000-000000000001');
    expect(result.findings[0]?.message).toContain('(the on-premises Auth certificates were not read)');
  });

  it('only warns when every leftover has expired, and still asks to remove them', () => {
    const expired = [credential(NEXT, '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z')];
    const result = run({
      artifacts: {
        ExchangeOnlineServicePrincipal: sharedPrincipal(expired),
        ExchangeAuthConfig: authConfig(APP_ID, { nextThumbprint: NEXT }),
      },
      now: NOW,
    });
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.messageId).toBe('expired-leftover');
    expect(result.findings[0]?.message).toContain('(the next on-premises Auth certificate), expired on 2025-01-01');
    expect(result.summary).toBe(`The shared Office 365 Exchange Online service principal carries 1 expired key credential: ${NEXT}.`);
  });

  it('fails on the usable leftovers alone when expired ones sit beside them', () => {
    const mixed = [
      credential(NEXT, '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
      credential(CURRENT, '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z'),
    ];
    const result = run({ artifacts: { ExchangeOnlineServicePrincipal: sharedPrincipal(mixed) }, now: NOW });
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => finding.status)).toEqual(['warn', 'fail']);
    expect(result.summary).toContain(`1 usable key credential from on-premises: ${CURRENT}.`);
  });

  it('is an error naming Application.Read.All when Graph refused to read the principal', () => {
    const result = run({
      artifacts: {},
      artifactErrors: {
        ExchangeOnlineServicePrincipal: {
          code: 'graph-forbidden',
          message: 'Graph answered 403 Authorization_RequestDenied: grant the application permission Application.Read.All',
        },
      },
      now: NOW,
    });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('Application.Read.All');
  });
});
