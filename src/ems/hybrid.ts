// HybridConfiguration from Get-AuthServer, Get-PartnerApplication, Get-IntraOrganizationConnector and
// Get-HybridConfiguration: the same facts the LDAP collector reads from the objects those cmdlets present.
// import.ts builds it only when all four were exported (or the manifest says they ran and found nothing): an auth
// server list that is empty because Get-AuthServer was never run would read as "no OAuth".
import { byName, sortedLowerUnique } from '../collectors/ldap/values.js';
import type { HybridConfiguration } from '../inventory/artifacts.js';
import { boolean, list, nonEmptyText, type PsObject, prop, text } from './clixml-values.js';
import { directoryIdentity, type ExportRecord, newestByIdentity } from './recognise.js';

export interface HybridExports {
  authServers: readonly ExportRecord[];
  partnerApplications: readonly ExportRecord[];
  intraOrganizationConnectors: readonly ExportRecord[];
  hybridConfigurations: readonly ExportRecord[];
}

export function hybridConfigurationFrom(exports: HybridExports): { artifact: HybridConfiguration; replaced: number } {
  let replaced = 0;
  const newest = (records: readonly ExportRecord[]): PsObject[] => {
    const merged = newestByIdentity(records, (record) => directoryIdentity(record.object));
    replaced += merged.replaced;
    return merged.records.map((record) => record.object);
  };
  const name = (object: PsObject) => nonEmptyText(prop(object, 'Name')) ?? nonEmptyText(object) ?? 'unnamed';
  const artifact: HybridConfiguration = {
    authServers: newest(exports.authServers)
      .map((object) => ({
        name: name(object),
        type: nonEmptyText(prop(object, 'Type')),
        // Only an Enabled the export shows counts: an object whose flag did not survive is not claimed to be enabled.
        enabled: boolean(prop(object, 'Enabled')) === true,
        isDefaultAuthorizationEndpoint: boolean(prop(object, 'IsDefaultAuthorizationEndpoint')) ?? false,
        issuerIdentifier: nonEmptyText(prop(object, 'IssuerIdentifier')),
        metadataUrl: nonEmptyText(prop(object, 'AuthMetadataUrl')),
        realm: nonEmptyText(prop(object, 'Realm')),
      }))
      .sort(byName),
    partnerApplications: newest(exports.partnerApplications)
      .map((object) => ({
        name: name(object),
        applicationIdentifier: nonEmptyText(prop(object, 'ApplicationIdentifier')),
        enabled: boolean(prop(object, 'Enabled')) === true,
        realm: nonEmptyText(prop(object, 'Realm')),
        useAuthServer: boolean(prop(object, 'UseAuthServer')),
      }))
      .sort(byName),
    intraOrganizationConnectors: newest(exports.intraOrganizationConnectors)
      .map((object) => ({
        name: name(object),
        enabled: boolean(prop(object, 'Enabled')) === true,
        targetAddressDomains: sortedLowerUnique(
          list(prop(object, 'TargetAddressDomains'))
            .map((value) => text(value))
            .filter((value): value is string => value !== null),
        ),
        discoveryEndpoint: nonEmptyText(prop(object, 'DiscoveryEndpoint')),
      }))
      .sort(byName),
    hybridConfigurationPresent: newest(exports.hybridConfigurations).length > 0,
  };
  return { artifact, replaced };
}
