// ExchangeOrganization from Get-OrganizationConfig (name, ObjectVersion) and the AD searches collect-ems.ps1 (and
// HealthChecker) export as System.DirectoryServices.SearchResult: rangeUpper of CN=ms-Exch-Schema-Version-Pt and
// objectVersion of CN=Microsoft Exchange System Objects. The schema value is the one prepare-ad-cu3 judges, so without
// it there is no artifact: a null schema version would read as "unreadable", when in truth it was never exported.
import { parentDn } from '../clients/ldap-escape.js';
import type { ExchangeOrganization } from '../inventory/artifacts.js';
import { integer, prop } from './clixml-values.js';
import { searchResultDn, searchResultValues } from './export-kinds.js';
import { type Organization, organizationName } from './organization-scope.js';
import { directoryIdentity, type ExportRecord, newestByIdentity } from './recognise.js';

export type OrganizationRead = { artifact: ExchangeOrganization; replaced: number } | { missing: string };

export function exchangeOrganizationFrom(
  organization: Organization | null,
  configs: readonly ExportRecord[],
  schema: readonly ExportRecord[],
  domains: readonly ExportRecord[],
): OrganizationRead {
  if (!organization) return { missing: 'no export names the Exchange organization (Get-OrganizationConfig, or any object below it)' };
  const config = newestByIdentity(configs, (record) => directoryIdentity(record.object));
  const schemaResults = newestByIdentity(schema, (record) => directoryIdentity(record.object));
  const schemaRecord = schemaResults.records[0];
  if (!schemaRecord) {
    return { missing: "no export of the schema's CN=ms-Exch-Schema-Version-Pt (rangeUpper), so the schema version is not known" };
  }
  const domainRecord = newestByIdentity(domains, (record) => directoryIdentity(record.object)).records[0];
  const schemaDn = searchResultDn(schemaRecord.object);
  const domainDn = domainRecord ? searchResultDn(domainRecord.object) : null;
  const configRecord = config.records[0];
  return {
    artifact: {
      name: organizationName(organization, configRecord),
      dn: organization.dn,
      objectVersion: configRecord ? integer(prop(configRecord.object, 'ObjectVersion')) : null,
      schemaVersion: attributeInteger(schemaRecord, 'rangeupper'),
      domainObjectVersion: domainRecord ? attributeInteger(domainRecord, 'objectversion') : null,
      namingContexts: {
        configuration: organization.configurationDn,
        schema: (schemaDn ? parentDn(schemaDn) : null) ?? `CN=Schema,${organization.configurationDn}`,
        defaultDomain: domainDn ? parentDn(domainDn) : null,
      },
    },
    replaced: config.replaced + schemaResults.replaced,
  };
}

function attributeInteger(record: ExportRecord, attribute: string): number | null {
  const [value] = searchResultValues(record.object, attribute);
  return integer(value ?? null);
}
