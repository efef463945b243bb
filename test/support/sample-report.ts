// Reports built through the real runner and summarizer from synthetic checks and small inventories.
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import type { ExchangeServer } from '../../src/inventory/artifacts.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { summarize } from '../../src/pipeline/summarize.js';
import type { Report } from '../../src/report/report.js';
import { inventoryOf } from './check-tester.js';
import { server as exchangeServer } from './exchange-servers.js';
import { needsCheck, serverBuildCheck } from './synthetic-checks.js';

export function server(name: string, build: string): ExchangeServer {
  return exchangeServer(name, build, { roles: 2 });
}

/** One failing blocker (EX02 on CU2), one check in error (PublicDns missing), one skipped. */
export function sampleReport(): Report {
  const checks = [serverBuildCheck('server-build'), needsCheck('dns-present', ['PublicDns']), needsCheck('skipped-one', ['DeclaredApis'])];
  const inventory = inventoryOf({
    artifacts: { ExchangeServers: { servers: [server('EX01', '15.1.2507.6'), server('EX02', '15.1.466.34')] } },
    artifactErrors: { PublicDns: { code: 'dns-no-resolver-answered', message: 'no resolver answered within 5000 ms' } },
  });
  const results = evaluate({ inventory, checks, deselected: new Set(['skipped-one']), options: DEFAULT_EVALUATION_OPTIONS });
  return summarize({
    inventory,
    results,
    options: DEFAULT_EVALUATION_OPTIONS,
    failOn: 'blocker',
    source: 'inventory',
    inventoryFile: 'inventory.json',
  });
}
