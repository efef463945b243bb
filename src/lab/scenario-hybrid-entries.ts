// A scenario's hybrid-set objects in the lab directory, from its recorded artifacts (docs/facts/hybrid.md): the Auth
// Configuration object with its thumbprints, the application id on each auth server, the setting overrides with
// msExchConfigurationXML, and the hybrid configuration's features and servers. Objects the graph-rest artifacts
// describe too (auth servers, the hybrid configuration) get their attributes merged by scenario-directory.ts.
import type { ExchangeAuthConfig, HybridFeatures, SettingOverride, SettingOverrides } from '../inventory/artifacts.js';
import type { LdapEntryInput } from './ldap-directory.js';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** msExchConfigurationXML as SettingOverrideXml serializes it: <S CN SN FN MB R LV HV FV><Ss>…</Ss><Ps>…</Ps></S>. */
export function settingOverrideXml(override: SettingOverride): string {
  const attributes = (
    [
      ['CN', override.component],
      ['SN', override.section],
      ['FN', override.flight],
      ['MB', override.modifiedBy],
      ['R', override.reason],
      ['LV', override.minVersion],
      ['HV', override.maxVersion],
      ['FV', override.fixVersion],
    ] as const
  )
    .filter(([, value]) => value !== null)
    .map(([name, value]) => ` ${name}="${xmlEscape(value as string)}"`)
    .join('');
  const list = (tag: string, item: string, values: readonly string[]) =>
    values.length === 0 ? `<${tag} />` : `<${tag}>${values.map((value) => `<${item}>${xmlEscape(value)}</${item}>`).join('')}</${tag}>`;
  return `<S${attributes}>${list('Ss', 'S', override.servers)}${list('Ps', 'P', override.parameters)}</S>`;
}

/** "2027-03-15T12:00:00Z" → LDAP GeneralizedTime "20270315120000.0Z". */
function generalizedTime(iso: string): string {
  return `${iso.replace(/[-:]/g, '').replace('T', '').replace(/Z$/, '').slice(0, 14)}.0Z`;
}

export function hybridSetEntries(
  organizationDn: string,
  auth: ExchangeAuthConfig,
  settings: SettingOverrides,
  hybrid: HybridFeatures,
): LdapEntryInput[] {
  const entries: LdapEntryInput[] = [];
  const config = auth.authConfig;
  if (config) {
    entries.push({
      dn: config.dn,
      attributes: {
        objectClass: ['top', 'msExchAuthAuthConfig'],
        cn: 'Auth Configuration',
        ...(config.serviceName ? { msExchAuthApplicationIdentifier: config.serviceName } : {}),
        ...(config.realm ? { msExchAuthRealm: config.realm } : {}),
        ...(config.rawThumbprints.length > 0 ? { msExchAuthCertificateThumbprint: config.rawThumbprints } : {}),
        ...(config.nextEffectiveDate ? { msExchAuthNextEffectiveDate: generalizedTime(config.nextEffectiveDate) } : {}),
      },
    });
  }
  for (const server of auth.authServers) {
    entries.push({
      dn: server.dn,
      attributes: {
        objectClass: ['top', 'msExchAuthAuthServer'],
        cn: server.name,
        ...(server.applicationIdentifier ? { msExchAuthApplicationIdentifier: server.applicationIdentifier } : {}),
      },
    });
  }
  for (const override of settings.overrides) {
    entries.push({
      dn: `CN=${override.name},CN=Setting Overrides,CN=Global Settings,${organizationDn}`,
      attributes: { objectClass: ['top', 'msExchConfigSettings'], cn: override.name, msExchConfigurationXML: settingOverrideXml(override) },
    });
  }
  const configuration = hybrid.configuration;
  if (configuration) {
    // An attribute without values is absent in AD.
    const dns = (name: string, links: readonly { dn: string }[]) => (links.length > 0 ? { [name]: links.map((link) => link.dn) } : {});
    entries.push({
      dn: configuration.dn,
      attributes: {
        objectClass: ['top', 'msExchCoexistenceRelationship'],
        cn: 'Hybrid Configuration',
        ...(configuration.featureFlags !== null ? { msExchCoexistenceFeatureFlags: configuration.featureFlags } : {}),
        ...dns('msExchCoexistenceServers', configuration.clientAccessServers),
        ...dns('msExchCoexistenceTransportServers', configuration.sendingTransportServers),
        ...dns('msExchCoexistenceFrontendTransportServers', configuration.receivingTransportServers),
        ...dns('msExchCoexistenceEdgeTransportServers', configuration.edgeTransportServers),
        ...(configuration.domains.length > 0 ? { msExchCoexistenceDomains: configuration.domains } : {}),
      },
    });
  }
  return entries;
}
