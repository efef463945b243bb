import { describe, expect, it } from 'vitest';
import { describeSchemaVersion } from '../../checks/data/ad-prep-versions.js';
import check from '../../checks/prepare-ad-cu3.js';
import type { ExchangeOrganization } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';

const { run } = createCheckTester(check);

function organization(schemaVersion: number | null, objectVersion: number | null = 16223): ExchangeOrganization {
  return {
    name: 'Contoso',
    dn: 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com',
    objectVersion,
    schemaVersion,
    domainObjectVersion: 13243,
    namingContexts: {
      configuration: 'CN=Configuration,DC=contoso,DC=com',
      schema: 'CN=Schema,CN=Configuration,DC=contoso,DC=com',
      defaultDomain: 'DC=contoso,DC=com',
    },
  };
}

describe('prepare-ad-cu3', () => {
  it.each([
    [15326, 'Exchange 2016 CU3–CU5'],
    [15334, 'Exchange 2016 CU21 or later'],
    [17003, 'Exchange 2019 CU10 or later, or Exchange Server SE'],
  ])('passes at rangeUpper %i (%s)', (schemaVersion, means) => {
    const result = run({ artifacts: { ExchangeOrganization: organization(schemaVersion) } });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      `The Exchange schema version (rangeUpper) is ${schemaVersion} (${means}): at least 15326, the Exchange 2016 CU3 schema.`,
    );
    expect(result.findings[0]?.evidence).toMatchObject({ schemaVersion, organizationObjectVersion: 16223, domainObjectVersion: 13243 });
  });

  it('fails at the CU2 schema even though CU2 and CU3 share organization objectVersion 16212', () => {
    const result = run({ artifacts: { ExchangeOrganization: organization(15325, 16212) } });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.message).toBe(
      'The Exchange schema version (rangeUpper) is 15325 (Exchange 2016 CU2), below 15326: Active Directory has not been prepared for Exchange 2016 CU3 or later.',
    );
    expect(result.findings[0]?.evidence).toMatchObject({ organizationObjectVersion: 16212, requiredSchemaVersion: 15326 });
    expect(String(result.findings[0]?.evidence['note'])).toContain('16212');
    expect(result.findings[0]?.remediation).toContain('Setup.exe /PrepareAD');
  });

  it('fails at an Exchange 2013 schema', () => {
    const result = run({ artifacts: { ExchangeOrganization: organization(15312, 16133) } });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('15312 (Exchange 2013 CU7 or later)');
  });

  it('is manual, explaining what could not be read and how to read it, when rangeUpper is null', () => {
    const result = run({ artifacts: { ExchangeOrganization: organization(null) } });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.message).toContain(
      'CN=ms-Exch-Schema-Version-Pt,CN=Schema,CN=Configuration,DC=contoso,DC=com) could not be read',
    );
    expect(result.findings[0]?.remediation).toContain(
      "Get-ADObject 'CN=ms-Exch-Schema-Version-Pt,CN=Schema,CN=Configuration,DC=contoso,DC=com' -Properties rangeUpper",
    );
  });

  it('warns when the schema is extended but the organization was never prepared past Exchange 2013', () => {
    const result = run({ artifacts: { ExchangeOrganization: organization(15326, 16133) } });
    expect(result.status).toBe('warn');
    expect(result.findings.map((finding) => finding.status)).toEqual(['pass', 'warn']);
    expect(result.summary).toContain('objectVersion 16133, below 16212');
  });

  it('does not guess from an unread organization objectVersion', () => {
    const result = run({ artifacts: { ExchangeOrganization: organization(15332, null) } });
    expect(result.status).toBe('pass');
  });

  it('describes unlisted schema values by where they fall', () => {
    expect(describeSchemaVersion(15327)).toBe('an unlisted value between Exchange 2016 CU3–CU5 and Exchange 2016 CU6');
    expect(describeSchemaVersion(18000)).toBe('an unlisted value above Exchange 2019 CU10 or later, or Exchange Server SE');
    expect(describeSchemaVersion(15000)).toBe('older than every listed Exchange 2013 schema');
  });
});
