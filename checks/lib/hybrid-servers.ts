// The servers that carry hybrid traffic: those the hybrid configuration names (client access, sending and receiving
// transport servers), else every Mailbox server. Edge servers take no part in the dedicated application
// (ConfigureExchangeHybridApplication.ps1 skips them); they hand mail to Exchange Online, which the transport
// baseline judges on its own.

import { isEdge, isMailbox } from '../../src/exchange/server-roles.js';
import type { ExchangeServer, HybridFeatures } from '../../src/inventory/artifacts.js';
import { ServerDirectory } from './server-build.js';

export interface HybridServers {
  from: 'hybrid-configuration' | 'mailbox-servers';
  found: ExchangeServer[];
  /** Named in the hybrid configuration but absent from ExchangeServers. */
  missing: string[];
}

export function hybridServers(hybrid: HybridFeatures, servers: readonly ExchangeServer[]): HybridServers {
  const configuration = hybrid.configuration;
  const named = configuration
    ? [...configuration.clientAccessServers, ...configuration.sendingTransportServers, ...configuration.receivingTransportServers]
    : [];
  if (named.length === 0) {
    return { from: 'mailbox-servers', found: servers.filter((server) => isMailbox(server.roles) && !isEdge(server.roles)), missing: [] };
  }
  const directory = new ServerDirectory(servers);
  const found = new Map<string, ExchangeServer>();
  const missing = new Set<string>();
  for (const link of named) {
    const server = directory.find(link.dn) ?? directory.find(link.name);
    if (!server) missing.add(link.name);
    else if (!isEdge(server.roles)) found.set(server.dn.toLowerCase(), server);
  }
  return { from: 'hybrid-configuration', found: [...found.values()], missing: [...missing] };
}
