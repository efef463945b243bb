// ExchangeServers from Get-ExchangeServer, with each server's ExSetup.exe file version where the folder has it.
// AdminDisplayVersion is what AD records (since the January 2023 SU it carries the SU build, before that only the
// CU); ExSetup.exe's version is what the server has installed, which is why HealthChecker reports it. Both are kept as
// Exchange shows them; checks/lib/server-build.ts judges ExSetup first.

import { fqdnFromNetworkAddress } from '../collectors/ldap/servers.js';
import { byName } from '../collectors/ldap/values.js';
import type { ServerRoleName } from '../exchange/server-roles.js';
import {
  compareBuilds,
  type ExchangeBuild,
  formatAdminDisplayVersion,
  formatShort,
  parseAdminDisplayVersion,
  parseDottedBuild,
} from '../exchange/version.js';
import type { ExchangeServer, ExchangeServers } from '../inventory/artifacts.js';
import { boolean, distinguishedName, integer, list, nonEmptyText, objectName, type PsObject, prop, text } from './clixml-values.js';
import { directoryIdentity, type ExportRecord, newestByIdentity } from './recognise.js';

/** Get-ExchangeServer's Is…Server flags, in the role names the LDAP collector decodes from msExchCurrentServerRoles. */
const ROLE_FLAGS: readonly [property: string, role: ServerRoleName][] = [
  ['IsMailboxServer', 'Mailbox'],
  ['IsClientAccessServer', 'ClientAccess'],
  ['IsUnifiedMessagingServer', 'UnifiedMessaging'],
  ['IsHubTransportServer', 'HubTransport'],
  ['IsEdgeServer', 'Edge'],
  ['IsProvisionedServer', 'ProvisionedServer'],
  ['IsFrontendTransportServer', 'FrontendTransport'],
];

export interface ServersRead {
  artifact: ExchangeServers;
  /** Older exports replaced by newer ones of the same server. */
  replaced: number;
  notes: string[];
}

export function exchangeServersFrom(serverRecords: readonly ExportRecord[], exSetupRecords: readonly ExportRecord[]): ServersRead {
  const merged = newestByIdentity(serverRecords, (record) => directoryIdentity(record.object));
  const servers = merged.records.map((record) => serverFrom(record.object));
  const notes: string[] = [];
  for (const [server, versions] of attachExSetup(servers, exSetupRecords, notes)) {
    // An installed build only goes up, so of two exports of one server's ExSetup.exe the higher is the newer.
    const newest = [...versions].sort((a, b) => compareBuilds(b, a))[0]!;
    if (versions.some((version) => compareBuilds(version, newest) !== 0)) {
      notes.push(`${versions.length} ExSetup.exe versions of ${server.name}: kept the newest, ${formatShort(newest)}`);
    }
    server.exSetupVersion = formatShort(newest);
    server.build = formatShort(newest);
  }
  return { artifact: { servers: servers.sort(byName) }, replaced: merged.replaced, notes };
}

function serverFrom(object: PsObject): ExchangeServer {
  const name = nonEmptyText(prop(object, 'Name')) ?? nonEmptyText(object) ?? 'unnamed server';
  const adminDisplayVersion = adminDisplayVersionOf(prop(object, 'AdminDisplayVersion'));
  const build = parseAdminDisplayVersion(adminDisplayVersion);
  const networkAddresses = list(prop(object, 'NetworkAddress'))
    .map((value) => text(value))
    .filter((value): value is string => value !== null);
  return {
    name,
    dn: distinguishedName(prop(object, 'DistinguishedName')) ?? distinguishedName(prop(object, 'Identity')) ?? name,
    fqdn: nonEmptyText(prop(object, 'Fqdn'))?.toLowerCase() ?? fqdnFromNetworkAddress(networkAddresses),
    // Get-ExchangeServer shows neither AD attribute; what it shows is AdminDisplayVersion, kept below as it is.
    serialNumber: null,
    versionNumber: null,
    build: build ? formatShort(build) : null,
    adminDisplayVersion,
    roles: null,
    roleNames: roleNamesOf(object),
    site: objectName(prop(object, 'Site')),
    dag: null,
  };
}

/** "Version 15.1 (Build 2375.7)" from the ServerVersion object's parts, or its ToString when only that survived. */
function adminDisplayVersionOf(value: ReturnType<typeof prop>): string | null {
  const parts = ['Major', 'Minor', 'Build', 'Revision'].map((part) => integer(prop(value, part)));
  const [major, minor, build, revision] = parts;
  if (major !== null && major !== undefined && minor !== null && minor !== undefined && build !== null && build !== undefined) {
    return formatAdminDisplayVersion({ major, minor, build, revision: revision ?? null });
  }
  return nonEmptyText(value);
}

function roleNamesOf(object: PsObject): string[] {
  const fromFlags = ROLE_FLAGS.filter(([property]) => boolean(prop(object, property)) === true).map(([, role]) => role);
  if (fromFlags.length > 0 || ROLE_FLAGS.some(([property]) => boolean(prop(object, property)) === false)) return fromFlags;
  // Only ServerRole survived: its ToString lists the roles ("Mailbox, ClientAccess").
  return (nonEmptyText(prop(object, 'ServerRole')) ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '' && role !== 'None');
}

/** The ExSetup.exe file version of a FileVersionInfo: its numeric parts, else FileVersionRaw, else FileVersion. */
function exSetupBuild(object: PsObject): ExchangeBuild | null {
  const parts = ['FileMajorPart', 'FileMinorPart', 'FileBuildPart', 'FilePrivatePart'].map((part) => integer(prop(object, part)));
  if (parts.every((part) => part !== null)) {
    const [major, minor, build, revision] = parts as number[];
    return { major: major!, minor: minor!, build: build!, revision: revision! };
  }
  return parseDottedBuild(nonEmptyText(prop(object, 'FileVersionRaw'))) ?? parseDottedBuild(nonEmptyText(prop(object, 'FileVersion')));
}

/**
 * Which server each ExSetup.exe version belongs to: the PSComputerName remoting stamps on it, matched by FQDN or name;
 * without one, the folder's only server (HealthChecker's per-server exports carry no name). Anything else is left
 * out with a note rather than guessed.
 */
function attachExSetup(servers: ExchangeServer[], records: readonly ExportRecord[], notes: string[]): Map<ExchangeServer, ExchangeBuild[]> {
  const attached = new Map<ExchangeServer, ExchangeBuild[]>();
  let unattributed = 0;
  for (const record of records) {
    const build = exSetupBuild(record.object);
    if (!build) {
      notes.push(`${record.file}: an ExSetup.exe file version without a readable version number`);
      continue;
    }
    const computer = nonEmptyText(prop(record.object, 'PSComputerName'))?.toLowerCase() ?? null;
    const server = computer
      ? servers.find((candidate) => candidate.fqdn === computer || candidate.name.toLowerCase() === computer.split('.')[0])
      : servers.length === 1
        ? servers[0]
        : undefined;
    if (!server) {
      unattributed += 1;
      continue;
    }
    attached.set(server, [...(attached.get(server) ?? []), build]);
  }
  if (unattributed > 0) {
    notes.push(
      `${unattributed} ExSetup.exe version(s) not used: they name no server (PSComputerName) that Get-ExchangeServer lists` +
        (servers.length > 1 ? ', and the folder holds more than one server' : ''),
    );
  }
  return attached;
}
