import { describe, expect, it } from 'vitest';
import { organizationFrom } from '../../src/collectors/graph-organization.js';

const org = (fields: Record<string, unknown>) => ({
  value: [
    {
      id: 'tenant-id',
      displayName: 'Contoso',
      verifiedDomains: [{ name: 'Contoso.test' }, { name: 'contoso.onmicrosoft.com' }],
      ...fields,
    },
  ],
});
const full = { createdDateTime: '2016-09-20T08:00:00Z', tenantType: 'AAD', countryLetterCode: 'US', preferredLanguage: 'en' };

describe('organizationFrom', () => {
  it('keeps true/false/null of onPremisesSyncEnabled and sorts lower-cased domains', () => {
    expect(organizationFrom(org({ ...full, onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: '2024-05-01T10:00:00Z' }))).toEqual({
      id: 'tenant-id',
      displayName: 'Contoso',
      onPremisesSyncEnabled: true,
      onPremisesLastSyncDateTime: '2024-05-01T10:00:00Z',
      verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.test'],
      restrictedView: false,
    });
    expect(organizationFrom(org({ ...full, onPremisesSyncEnabled: false }))).toMatchObject({
      onPremisesSyncEnabled: false,
      restrictedView: false,
    });
    expect(organizationFrom(org({ ...full, onPremisesSyncEnabled: null }))).toMatchObject({
      onPremisesSyncEnabled: null,
      restrictedView: false,
    });
  });

  it('calls the view restricted only when every User.Read-level null is null', () => {
    const restricted = {
      onPremisesSyncEnabled: null,
      onPremisesLastSyncDateTime: null,
      createdDateTime: null,
      tenantType: null,
      countryLetterCode: null,
      preferredLanguage: null,
    };
    expect(organizationFrom(org(restricted))).toMatchObject({ restrictedView: true });
    // Properties left out entirely count as null too.
    expect(organizationFrom(org({}))).toMatchObject({ restrictedView: true });
    expect(organizationFrom(org({ ...restricted, tenantType: 'AAD' }))).toMatchObject({ restrictedView: false });
    expect(organizationFrom(org({ ...restricted, onPremisesSyncEnabled: true }))).toMatchObject({ restrictedView: false });
  });

  it('describes a body it cannot read, naming the field', () => {
    expect(organizationFrom(null)).toMatch(/expected object/);
    expect(organizationFrom({ value: [] })).toMatch(/empty/);
    expect(organizationFrom({ value: [{ displayName: 'x' }] })).toMatch(/value\[0\]\.id/);
    expect(organizationFrom(org({ onPremisesSyncEnabled: 'true' }))).toMatch(/onPremisesSyncEnabled: expected boolean \(got string\)/);
    expect(organizationFrom(org({ onPremisesLastSyncDateTime: 'yesterday' }))).toMatch(/onPremisesLastSyncDateTime/);
  });

  it('without the restricted-view probes (a 400 on the full $select), an empty sync state counts as possibly restricted', () => {
    expect(organizationFrom(org({ onPremisesSyncEnabled: null }), false)).toMatchObject({ restrictedView: true });
    expect(organizationFrom(org({ onPremisesSyncEnabled: true }), false)).toMatchObject({ restrictedView: false });
  });
});
