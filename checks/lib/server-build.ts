// What an Exchange server runs. serialNumber is what Get-ExchangeServer's AdminDisplayVersion shows
// (and, since the January 2023 SU, carries the SU build); versionNumber has no revision and is only as fresh as
// setup's last write. Both can be stale on Edge servers, which write AD only at Edge Subscription time.
// An inventory imported from Exchange Management Shell exports (import-ems) has no AD attributes but may hold the
// file version of ExSetup.exe, which is what the server has installed, and AdminDisplayVersion.

import { decodeServerRoles, isEdge } from '../../src/exchange/server-roles.js';
import {
  decodeVersionNumber,
  type ExchangeBuild,
  type ExchangeProduct,
  formatShort,
  parseAdminDisplayVersion,
  parseDottedBuild,
  parseSerialNumber,
  productOf,
  sameCumulativeUpdate,
} from '../../src/exchange/version.js';
import type { ExchangeServer } from '../../src/inventory/artifacts.js';
import type { Evidence } from '../api.js';
import type { BuildCatalogue, BuildDescription } from './build-catalogue.js';

export type BuildSource = 'ExSetup' | 'serialNumber' | 'AdminDisplayVersion' | 'versionNumber' | 'collector';

/** What AD (or an imported export) says, without naming the build: enough to tell products apart (no build list needed). */
export interface ServerBuildSource {
  /**
   * The build the checks judge: ExSetup.exe's file version first (the installed build, imported inventories only),
   * then serialNumber, AdminDisplayVersion, versionNumber, and the collector's parsed build.
   */
  build: ExchangeBuild | null;
  source: BuildSource | null;
  product: ExchangeProduct | null;
  fromSerialNumber: ExchangeBuild | null;
  fromVersionNumber: ExchangeBuild | null;
  /** serialNumber and versionNumber name different CUs (revisions are ignored: versionNumber has none). */
  disagreement: boolean;
  edge: boolean;
}

export interface ServerBuildReading extends ServerBuildSource {
  /** The build named from the build list in use. */
  description: BuildDescription | null;
}

export function readServerBuild(server: ExchangeServer, builds: BuildCatalogue): ServerBuildReading {
  const source = readServerBuildSource(server);
  return { ...source, description: source.build ? builds.describe(source.build) : null };
}

export function readServerBuildSource(server: ExchangeServer): ServerBuildSource {
  const fromSerialNumber = parseSerialNumber(server.serialNumber);
  const fromVersionNumber = decodeVersionNumber(server.versionNumber);
  const candidates: [ExchangeBuild | null, BuildSource][] = [
    [parseDottedBuild(server.exSetupVersion), 'ExSetup'],
    [fromSerialNumber, 'serialNumber'],
    [parseAdminDisplayVersion(server.adminDisplayVersion), 'AdminDisplayVersion'],
    [fromVersionNumber, 'versionNumber'],
    [parseDottedBuild(server.build), 'collector'],
  ];
  const [build, source] = candidates.find(([candidate]) => candidate !== null) ?? [null, null];
  return {
    build,
    source,
    product: build ? productOf(build) : null,
    fromSerialNumber,
    fromVersionNumber,
    disagreement: fromSerialNumber !== null && fromVersionNumber !== null && !sameCumulativeUpdate(fromSerialNumber, fromVersionNumber),
    edge: isEdge(server.roles) || (server.roles === null && server.roleNames.includes('Edge')),
  };
}

/** The values read from AD for one server, as finding evidence. */
export function serverEvidence(server: ExchangeServer, reading: ServerBuildReading): Evidence {
  return {
    server: server.name,
    fqdn: server.fqdn,
    serialNumber: server.serialNumber,
    versionNumber: server.versionNumber,
    versionNumberDecoded: reading.fromVersionNumber ? formatShort(reading.fromVersionNumber) : null,
    // Only imported inventories carry these; live ones keep their evidence as it was.
    ...(server.adminDisplayVersion === undefined ? {} : { adminDisplayVersion: server.adminDisplayVersion }),
    ...(server.exSetupVersion === undefined ? {} : { exSetupVersion: server.exSetupVersion }),
    build: reading.description?.text ?? null,
    buildSource: reading.source,
    product: reading.description?.product ?? null,
    roles: server.roleNames.length > 0 ? [...server.roleNames] : decodeServerRoles(server.roles),
  };
}

/** Finds servers by what other artifacts call them: NetBIOS name, FQDN, the FQDN's first label, or DN. */
export class ServerDirectory {
  private readonly byKey = new Map<string, ExchangeServer>();

  constructor(readonly servers: readonly ExchangeServer[]) {
    for (const server of servers) {
      for (const key of [server.name, server.fqdn, server.fqdn?.split('.')[0], server.dn]) {
        if (key) this.byKey.set(key.toLowerCase(), server);
      }
    }
  }

  find(name: string | null | undefined): ExchangeServer | undefined {
    if (!name) return undefined;
    const key = name.trim().toLowerCase();
    return this.byKey.get(key) ?? this.byKey.get(key.split('.')[0] ?? key);
  }
}
