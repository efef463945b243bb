// The hybrid set's parsers, on the shapes AD and Graph hand them: setting-override XML, Auth certificate thumbprints
// and dates, feature flags, and key credentials whose thumbprint comes from the certificate or from customKeyIdentifier.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyCredentialOf, thumbprintOfIdentifier } from '../../src/collectors/graph-bodies.js';
import { generalizedTime, thumbprintAt } from '../../src/collectors/ldap/auth-config.js';
import { decodeFeatures } from '../../src/collectors/ldap/hybrid-features.js';
import { parseSettingOverrideXml } from '../../src/collectors/ldap/setting-overrides.js';
import { CURRENT_AUTH_CERTIFICATE } from '../../src/lab/scenarios/auth-certificates.js';

const THUMBPRINT = 'DD856D773E491B6D3B80ACBFFD9E4001EF3F44AB';

describe('parseSettingOverrideXml', () => {
  it('reads component, section, parameters, servers, version window and who changed it', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-16"?><S CN="Global" SN="ExchangeOnpremAsThirdPartyAppId" MB="CONTOSO\\admin" ' +
      'R="Dedicated app &amp; more" LV="15.2.1748.24" HV="15.2.9999.0" FV="15.3.0.0"><Ss><S>EX*</S><S> MBX0? </S></Ss>' +
      '<Ps><P>Enabled=true</P></Ps></S>';
    expect(parseSettingOverrideXml(xml)).toEqual({
      component: 'Global',
      section: 'ExchangeOnpremAsThirdPartyAppId',
      flight: null,
      parameters: ['Enabled=true'],
      servers: ['EX*', 'MBX0?'],
      minVersion: '15.2.1748.24',
      maxVersion: '15.2.9999.0',
      fixVersion: '15.3.0.0',
      reason: 'Dedicated app & more',
      modifiedBy: 'CONTOSO\\admin',
      error: null,
    });
  });

  it('reads an organization-wide override without a server list, and a self-closing one without parameters', () => {
    const wide = parseSettingOverrideXml("<S CN='Global' SN='RouteThroughMSGraph'><Ps><P>Enabled=true</P></Ps></S>");
    expect(wide).toMatchObject({ section: 'RouteThroughMSGraph', servers: [], parameters: ['Enabled=true'], error: null });
    expect(parseSettingOverrideXml('<S CN="Global" SN="X" />')).toMatchObject({ component: 'Global', parameters: [], error: null });
  });

  it('says why a value cannot be read, and bounds what it reads', () => {
    expect(parseSettingOverrideXml(null).error).toBe('msExchConfigurationXML is empty');
    expect(parseSettingOverrideXml('<Other/>').error).toMatch(/is not an <S …>…<\/S> setting override document/);
    expect(parseSettingOverrideXml(`<S CN="${'x'.repeat(200_000)}"></S>`).error).toMatch(/longer than 102400 characters/);
    const many = `<S CN="Global" SN="X"><Ps>${'<P>a=b</P>'.repeat(500)}</Ps></S>`;
    expect(parseSettingOverrideXml(many).parameters).toHaveLength(64);
  });
});

describe('Auth configuration values', () => {
  it('picks the current, previous and next thumbprint by their tags, and an untagged single value as current', () => {
    const values = [`0:${THUMBPRINT}`, `1:${'A'.repeat(40)}`, `2:${'b'.repeat(40)}`];
    expect(thumbprintAt(values, 0)).toBe(THUMBPRINT);
    expect(thumbprintAt(values, 1)).toBe('A'.repeat(40));
    expect(thumbprintAt(values, 2)).toBe('B'.repeat(40));
    expect(thumbprintAt([THUMBPRINT.toLowerCase()], 0)).toBe(THUMBPRINT);
    expect(thumbprintAt([THUMBPRINT], 2)).toBeNull();
    expect(thumbprintAt(['0:not-a-thumbprint'], 0)).toBeNull();
  });

  it('reads the next effective date as generalized time, FILETIME or ISO text', () => {
    expect(generalizedTime('20270315120000.0Z')).toBe('2027-03-15T12:00:00Z');
    // 2027-03-15T12:00:00Z as 100 ns ticks since 1601.
    expect(generalizedTime('134495856000000000')).toBe('2027-03-15T12:00:00Z');
    expect(generalizedTime('2027-03-15T12:00:00Z')).toBe('2027-03-15T12:00:00Z');
    expect(generalizedTime('soon')).toBeNull();
    expect(generalizedTime(null)).toBeNull();
  });

  it('decodes the hybrid configuration feature flags', () => {
    expect(decodeFeatures(639)).toEqual([
      'FreeBusy',
      'MoveMailbox',
      'Mailtips',
      'MessageTracking',
      'OwaRedirection',
      'OnlineArchive',
      'SecureMail',
      'Photos',
    ]);
    expect(decodeFeatures(0)).toEqual([]);
  });
});

describe('key credential thumbprints', () => {
  const bytes = Buffer.from(THUMBPRINT, 'hex');

  it('accepts hex, base64 of the thumbprint bytes and base64 of the hex text', () => {
    expect(thumbprintOfIdentifier(THUMBPRINT.toLowerCase())).toBe(THUMBPRINT);
    expect(thumbprintOfIdentifier(bytes.toString('base64'))).toBe(THUMBPRINT);
    expect(thumbprintOfIdentifier(Buffer.from(THUMBPRINT, 'latin1').toString('base64'))).toBe(THUMBPRINT);
    expect(thumbprintOfIdentifier('QXV0aA==')).toBeNull();
    expect(thumbprintOfIdentifier('not base64!')).toBeNull();
  });

  it('prefers the SHA-1 of the certificate in key over customKeyIdentifier, and says where the thumbprint came from', () => {
    const der = Buffer.from(CURRENT_AUTH_CERTIFICATE.der, 'base64');
    const fromKey = keyCredentialOf({
      keyId: 'k1',
      key: CURRENT_AUTH_CERTIFICATE.der,
      customKeyIdentifier: 'QXV0aA==',
      endDateTime: '2030-01-01T00:00:00Z',
    });
    expect(fromKey.thumbprint).toBe(createHash('sha1').update(der).digest('hex').toUpperCase());
    expect(fromKey.thumbprintSource).toBe('key');

    const fromIdentifier = keyCredentialOf({ keyId: 'k2', customKeyIdentifier: bytes.toString('base64') });
    expect(fromIdentifier).toMatchObject({ thumbprint: THUMBPRINT, thumbprintSource: 'customKeyIdentifier', startDateTime: null });

    expect(keyCredentialOf({ keyId: 'k3', key: 'bm90IGEgY2VydA==' })).toMatchObject({ thumbprint: null, thumbprintSource: null });
  });
});
