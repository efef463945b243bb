// --redact on every bundled scenario: the redacted report, in every format, and the redacted inventory contain
// none of the organization's real names, and the redacted inventory still replays to the same verdict.
// The real names are gathered here from the inventory's own fields, independently of src/report/redact.ts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { catalogue } from '../../checks/index.js';
import { scenarioNames } from '../../scripts/fixtures/scenarios.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { parseInventory } from '../../src/inventory/load.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { summarize } from '../../src/pipeline/summarize.js';
import { mergeNames, namesInInventory, namesInReport, pseudonymsFor, redactInventory, redactReport } from '../../src/report/redact.js';
import { REPORT_FORMATS, render } from '../../src/reporters/index.js';
import { scenarioInventoryFile, scenarioReport } from '../support/scenario-reports.js';

/** Every server, database, host, domain, mailbox, organization and tenant name the scenario's facts hold. */
function realNames(inventory: Inventory): string[] {
  const { artifacts, target } = inventory;
  const names = [
    ...target.domains,
    ...target.namespaces,
    ...target.mailboxes,
    ...(target.adDomain ? [target.adDomain] : []),
    ...(target.tenantId ? [target.tenantId] : []),
    ...(artifacts.ExchangeOrganization ? [artifacts.ExchangeOrganization.name] : []),
    ...(artifacts.ExchangeServers?.servers.flatMap((server) => [server.name, server.fqdn ?? '', server.dag ?? '']) ?? []),
    ...(artifacts.MailboxDatabases?.databases.flatMap((database) => [database.name, ...database.copies.map((copy) => copy.server)]) ?? []),
    ...(artifacts.MailboxPlacement?.requested.map((request) => request.address) ?? []),
    ...(artifacts.PublicDns?.names.map((name) => name.name) ?? []),
    ...(artifacts.GraphOrganization
      ? [artifacts.GraphOrganization.displayName ?? '', artifacts.GraphOrganization.id, ...artifacts.GraphOrganization.verifiedDomains]
      : []),
    ...(artifacts.GraphUsers?.users.map((user) => user.mailbox) ?? []),
  ];
  // Any host name under one of the organization's domains, wherever it appears in the facts (URLs, certificates, DNs).
  const text = JSON.stringify(inventory);
  for (const domain of [...target.domains, ...(target.adDomain ? [target.adDomain] : [])]) {
    const pattern = new RegExp(`[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${domain.replace(/\./g, '\\.')}`, 'gi');
    names.push(...(text.match(pattern) ?? []));
  }
  return [...new Set(names.filter((name) => name.trim().length >= 2))];
}

describe.each(scenarioNames)('--redact on scenario %s', (name) => {
  const inventory = scenarioInventoryFile(name);
  const report = scenarioReport(name);
  const names = mergeNames(namesInReport(report), namesInInventory(inventory));
  const redactedReport = redactReport(report, names);
  const redactedInventory = redactInventory(inventory, names);
  const real = realNames(inventory);

  it('knows the organization by name (the search below is not empty)', () => {
    expect(real.length).toBeGreaterThan(8);
    expect(real).toEqual(expect.arrayContaining(['contoso.com', 'mail.contoso.com', 'Contoso']));
  });

  it('no format of the redacted report, nor the redacted inventory, contains a real name', () => {
    const documents: [string, string][] = [
      ...REPORT_FORMATS.map((format): [string, string] => [format, render(redactedReport, format, { colorLevel: 0, width: 100 })]),
      ['inventory', JSON.stringify(redactedInventory)],
    ];
    for (const [label, text] of documents) {
      const lower = text.toLowerCase();
      const leaked = real.filter((realName) =>
        new RegExp(`(?<![\\w-])${realName.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(lower),
      );
      expect(leaked, `${label} leaks real names`).toEqual([]);
      expect(lower, `${label} mentions contoso`).not.toContain('contoso');
    }
    expect(redactedReport.notices.map((notice) => notice.id)).toContain('redacted');
  });

  it('the redacted inventory replays to the same verdict and statuses, and its report says it is redacted', () => {
    const replayed = parseInventory(JSON.stringify(redactedInventory), 'redacted.json');
    const results = evaluate({ inventory: replayed, checks: catalogue, deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS });
    const again = summarize({
      inventory: replayed,
      results,
      options: DEFAULT_EVALUATION_OPTIONS,
      failOn: 'blocker',
      source: 'inventory',
      inventoryFile: 'redacted.json',
    });
    expect(again.verdict).toBe(report.verdict);
    expect(again.results.map((result) => [result.id, result.status])).toEqual(report.results.map((result) => [result.id, result.status]));
    expect(again.notices.map((notice) => notice.id)).toContain('redacted');
  });

  it('the report and the inventory of a run share pseudonyms, and the map translates them back', () => {
    const { map } = pseudonymsFor(names);
    const server = inventory.artifacts.ExchangeServers?.servers[0]?.name;
    if (server) {
      const pseudonym = Object.entries(map).find(([, realName]) => realName.toLowerCase() === server.toLowerCase())?.[0];
      expect(pseudonym).toMatch(/^server-\d+$/);
      expect(JSON.stringify(redactedInventory)).toContain(`"name": "${pseudonym}"`.replace(': ', ':'));
      expect(JSON.stringify(redactedReport)).toContain(pseudonym);
    }
    expect(Object.values(map)).toEqual(expect.arrayContaining(['contoso.com']));
  });
});
