// Every string an inventory can hold is either marked with what it names (src/inventory/identifying.ts) or on the
// reviewed list below of strings that name nothing of the organization's. A field added to an artifact without a
// mark fails here, so --redact (which goes by the marks alone) cannot miss it silently.
import { describe, expect, it } from 'vitest';
import { artifactSchemas } from '../../src/inventory/artifacts.js';
import { NAME_KINDS } from '../../src/inventory/identifying.js';
import { CollectionSettings, Inventory } from '../../src/inventory/inventory.js';
import { settingsOf } from '../../src/pipeline/collect.js';
import { collectOptions } from '../support/collect-options.js';
import { stringFields } from '../support/schema-strings.js';

/** Path (a `*` stands for any run of segments) → why the string names nothing. Review every addition. */
const NOT_NAMES: Record<string, string> = {
  '*.error.code': 'a failure code (ECONNREFUSED, CERT_HAS_EXPIRED, UND_ERR_HEADERS_TIMEOUT)',
  'artifactErrors.*.code': 'a failure code (ldap-invalid-credentials, dns-no-answer)',
  'tool.version': "the tool's version",
  collectedAt: 'a time',
  'settings.treatAsPublic[]': 'a CIDR range',
  'settings.cloud': 'a national cloud (global, usgov, …)',
  'ExchangeServers.servers[].serialNumber': 'the build as AD writes it ("Version 15.1 (Build 30544.27)")',
  'ExchangeServers.servers[].build': 'a build number',
  'ExchangeServers.servers[].adminDisplayVersion': 'the build as Get-ExchangeServer shows it ("Version 15.1 (Build 2375.7)")',
  'ExchangeServers.servers[].exSetupVersion': 'a build number',
  'settings.ems.manifest.tool': "the export script's name (collect-ems.ps1)",
  'settings.ems.manifest.toolVersion': "the export script's version",
  'settings.ems.manifest.startedAt': 'a time',
  'settings.ems.manifest.finishedAt': 'a time',
  'settings.ems.manifest.mailboxCountMethod': "the export script's own wording of how it counted",
  'settings.ems.manifest.failures[].source': 'a cmdlet name (Get-AuthServer)',
  'settings.ems.files[].kinds[]': 'an export kind of src/ems/export-kinds.ts (ExchangeServer, Manifest)',
  'ExchangeServers.servers[].roleNames[]': 'an Exchange role (Mailbox, ClientAccess)',
  'MailboxPlacement.requested[].recipientTypeDetails': 'a recipient type number',
  'HybridConfiguration.authServers[].type': 'an auth server type (AzureAD, MicrosoftACS)',
  'PublicDns.treatAsPublic[]': 'a CIDR range',
  'PublicDns.names[].answers[].a[]': 'an IPv4 address',
  'PublicDns.names[].answers[].aaaa[]': 'an IPv6 address',
  'PublicDns.names[].systemResolver.addresses[]': 'an IP address',
  '*.address': 'the IP address probed',
  'EndpointProbes.probes[].tls.protocol': 'a TLS version',
  'EndpointProbes.probes[].tls.verifyError': 'a certificate verification code',
  'AutodiscoverProbes.probes[].connection.verifyError': 'a certificate verification code',
  'RestEndpointProbes.probes[].connection.verifyError': 'a certificate verification code',
  'EndpointProbes.probes[].tls.certificate.validFrom': 'a time',
  'EndpointProbes.probes[].tls.certificate.validTo': 'a time',
  'EndpointProbes.probes[].tls.certificate.fingerprint256': 'a certificate thumbprint',
  'AutodiscoverProbes.probes[].parsed.protocol': 'an Autodiscover protocol (Rest, Ews)',
  'RestEndpointProbes.probes[].challenges[].scheme': 'an authentication scheme (Bearer, Basic)',
  'FrontEndSamples.targets[].samples[].owaVersion': 'a build number',
  'FrontEndSamples.targets[].samples[].serverApplication': 'a product and build ("Exchange/15.01.2176.009")',
  'GraphOrganization.onPremisesLastSyncDateTime': 'a time',
  'GraphOrganization.tokenRoles[]': 'a Graph permission (Organization.Read.All)',
  'GraphUsers.users[].id': 'an object id, meaningless outside the tenant',
  'GraphUsers.users[].onPremisesImmutableId': "an object's immutable id (base64 of its GUID)",
  'GraphUsers.users[].onPremisesLastSyncDateTime': 'a time',
  'GraphUsers.users[].onPremisesProvisioningErrors[].category': 'an error category (PropertyConflict)',
  'GraphUsers.users[].onPremisesProvisioningErrors[].occurredDateTime': 'a time',
  'GraphUsers.users[].onPremisesProvisioningErrors[].propertyCausingError': 'a property name (ProxyAddresses)',
  'DeclaredApis.calls[].method': 'an HTTP method',
  // The hybrid set (docs/facts/hybrid.md).
  'ExchangeAuthConfig.authConfig.serviceName': "Exchange's well-known service principal id",
  'ExchangeAuthConfig.authConfig.*Thumbprint': 'a certificate thumbprint',
  'ExchangeAuthConfig.authConfig.rawThumbprints[]': 'a tagged certificate thumbprint ("0:<thumbprint>")',
  'ExchangeAuthConfig.authConfig.nextEffectiveDate': 'a time',
  'ExchangeAuthConfig.authServers[].type': 'an auth server type (AzureAD, MicrosoftACS)',
  'SettingOverrides.overrides[].component': 'an Exchange settings component (Global)',
  'SettingOverrides.overrides[].section': 'an Exchange settings section (ExchangeOnpremAsThirdPartyAppId)',
  'SettingOverrides.overrides[].flight': 'an Exchange flight name',
  'SettingOverrides.overrides[].*Version': 'a build number',
  'SettingOverrides.overrides[].error': "the collector's own reason the XML could not be read",
  'HybridFeatures.configuration.features[]': 'a hybrid feature (FreeBusy, Mailtips)',
  '*.keyCredentials[].keyId': 'a key credential id, meaningless outside the tenant',
  '*.keyCredentials[].type': 'a credential type (AsymmetricX509Cert)',
  '*.keyCredentials[].usage': 'a credential usage (Verify)',
  '*.keyCredentials[].*DateTime': 'a time',
  '*.keyCredentials[].thumbprint': 'a certificate thumbprint',
  'HybridApplications.applications[].id': 'an object id, meaningless outside the tenant',
  'HybridApplications.applications[].requiredResourceAccess[].resourceAccess[].id': 'an app role or scope id',
  'HybridApplications.applications[].requiredResourceAccess[].resourceAccess[].type': 'Role or Scope',
  'HybridApplications.applications[].servicePrincipal.id': 'an object id, meaningless outside the tenant',
  'HybridApplications.applications[].servicePrincipal.appRoleAssignments[].id': 'an object id, meaningless outside the tenant',
  'HybridApplications.applications[].servicePrincipal.appRoleAssignments[].resourceId': 'an object id, meaningless outside the tenant',
  'HybridApplications.applications[].servicePrincipal.appRoleAssignments[].appRoleId':
    "an app role id (the resource's, e.g. full_access_as_app's)",
  'HybridApplications.applications[].servicePrincipal.appRoleAssignments[].appRoleValue': 'a permission name (full_access_as_app)',
  'ExchangeOnlineServicePrincipal.appId': "Exchange Online's well-known appId",
  'ExchangeOnlineServicePrincipal.id': 'an object id, meaningless outside the tenant',
  'EwsEndpointProbes.treatAsPublic[]': 'a CIDR range',
  'EwsEndpointProbes.hosts[].answers[].a[]': 'an IPv4 address',
  'EwsEndpointProbes.hosts[].answers[].aaaa[]': 'an IPv6 address',
  'EwsEndpointProbes.hosts[].probes[].endpoint.tls.protocol': 'a TLS version',
  'EwsEndpointProbes.hosts[].probes[].endpoint.tls.verifyError': 'a certificate verification code',
  'EwsEndpointProbes.hosts[].probes[].endpoint.tls.certificate.validFrom': 'a time',
  'EwsEndpointProbes.hosts[].probes[].endpoint.tls.certificate.validTo': 'a time',
  'EwsEndpointProbes.hosts[].probes[].endpoint.tls.certificate.fingerprint256': 'a certificate thumbprint',
  'EwsEndpointProbes.hosts[].probes[].challenges[].scheme': 'an authentication scheme (Bearer, Basic)',
  'EwsEndpointProbes.skipped[].reason': "the collector's own reason a URL was not probed",
};

const patterns = Object.keys(NOT_NAMES).map((pattern) => ({
  pattern,
  regex: new RegExp(`^${pattern.replace(/[.[\]{}]/g, '\\$&').replace(/\*/g, '.*')}$`),
}));

/** Every string of an inventory, by path: the artifacts under their names, then the inventory's own fields. */
function inventoryStrings() {
  return [
    ...Object.entries(artifactSchemas).flatMap(([name, schema]) =>
      stringFields(schema).map((field) => ({ ...field, path: `${name}.${field.path}` })),
    ),
    ...stringFields(Inventory.omit({ artifacts: true })),
  ];
}

describe('identifying marks', () => {
  const fields = inventoryStrings();

  it('covers the whole inventory (the walk finds strings at all)', () => {
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.filter((field) => field.mark).length).toBeGreaterThan(60);
  });

  it('every string field is marked with what it names, or reviewed as naming nothing', () => {
    const unreviewed = fields.filter((field) => !field.mark && !patterns.some(({ regex }) => regex.test(field.path))).map((f) => f.path);
    expect(unreviewed, 'mark these with names()/namesOrNull() in src/inventory/artifacts.ts, or review them into NOT_NAMES').toEqual([]);
  });

  it('the reviewed list has no stale entries, and nothing on it is marked after all', () => {
    const unmarked = fields.filter((field) => !field.mark).map((field) => field.path);
    const stale = patterns.filter(({ regex }) => !unmarked.some((path) => regex.test(path))).map(({ pattern }) => pattern);
    expect(stale).toEqual([]);
  });

  it('marks are of known kinds, and a DN leaf or a record key says what it names', () => {
    for (const { path, mark } of fields) {
      if (!mark) continue;
      expect(NAME_KINDS, path).toContain(mark.names);
      if (mark.leaf) expect(NAME_KINDS, path).toContain(mark.leaf);
      for (const kind of Object.values(mark.keys ?? {})) expect(NAME_KINDS, path).toContain(kind);
    }
  });

  it('the settings a live run writes are all declared, so each of their strings is marked or reviewed', () => {
    const declared = Object.keys(CollectionSettings.shape);
    const written = Object.keys({ ...settingsOf(collectOptions({})), collectedFrom: 'jump-01', redacted: true });
    expect(written.filter((key) => !declared.includes(key))).toEqual([]);
  });
});
