// --redact on every bundled scenario, through the code paths the CLI takes: `assess --redact` (report and inventory
// of one run) and `report FILE --redact` (the saved JSON report alone). No format of what is written contains any
// name the scenario's inventory holds in a marked field (test/support/marked-names.ts, independent of the harvesting
// in src/report/), nor a host under its domains, nor "contoso"; the redacted inventory still replays.
import { describe, expect, it } from 'vitest';
import { scenarioNames } from '../../scripts/fixtures/scenarios.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { parseInventory } from '../../src/inventory/load.js';
import { parseReport } from '../../src/report/load.js';
import { redactInventory, redactionFor, redactReport } from '../../src/report/redact.js';
import type { Report } from '../../src/report/report.js';
import { REPORT_FORMATS, render } from '../../src/reporters/index.js';
import { leakedNames, markedNames } from '../support/marked-names.js';
import { reportOfInventory, scenarioInventoryFile, scenarioReport, scenarioRequirements } from '../support/scenario-reports.js';

/** The marked names, and any host under the organization's domains wherever the facts write it. */
function realNames(inventory: Inventory): string[] {
  const names = markedNames(inventory);
  const text = JSON.stringify(inventory);
  for (const domain of [...inventory.target.domains, ...(inventory.target.adDomain ? [inventory.target.adDomain] : [])]) {
    const pattern = new RegExp(`[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${domain.replace(/\./g, '\\.')}`, 'gi');
    names.push(...(text.match(pattern) ?? []));
  }
  return [...new Set(names)];
}

function rendered(report: Report): [string, string][] {
  return REPORT_FORMATS.map((format) => [format, render(report, format, { colorLevel: 0, width: 100 })]);
}

function expectNoLeak(documents: [string, string][], real: readonly string[]): void {
  for (const [label, text] of documents) {
    expect(leakedNames(text, real), `${label} leaks real names`).toEqual([]);
    expect(text.toLowerCase(), `${label} mentions contoso`).not.toContain('contoso');
    // The leaks the issue named: the Entra Connect server, its MSOL_ account, the tenant id.
    expect(text, label).not.toMatch(/AADC01|MSOL_|5de110f8/i);
  }
}

describe.each(scenarioNames)('--redact on scenario %s', (name) => {
  const inventory = scenarioInventoryFile(name);
  const report = scenarioReport(name);
  const pseudonyms = redactionFor({ report, inventory });
  const redactedReport = redactReport(report, pseudonyms);
  const redactedInventory = redactInventory(inventory, pseudonyms);
  const real = realNames(inventory);

  it('knows the organization by name (the search below is not empty)', () => {
    expect(real.length).toBeGreaterThan(8);
    expect(real).toEqual(expect.arrayContaining(['contoso.com', 'mail.contoso.com']));
  });

  it('assess --redact: no format of the report, nor the saved inventory, contains a real name', () => {
    expectNoLeak([...rendered(redactedReport), ['inventory', JSON.stringify(redactedInventory)]], real);
    expect(redactedReport.notices.map((notice) => notice.id)).toContain('redacted');
  });

  it('report FILE --redact: the saved report alone is redacted as thoroughly', () => {
    const saved = parseReport(JSON.stringify(report), 'report.json');
    const alone = redactReport(saved, redactionFor({ report: saved }));
    expectNoLeak(rendered(alone), real);
  });

  it('the redacted inventory replays to the same verdict and statuses, and its report says it is redacted', () => {
    const replayed = parseInventory(JSON.stringify(redactedInventory), 'redacted.json');
    const again = reportOfInventory(replayed, 'redacted.json', [], scenarioRequirements(name));
    expect(again.verdict).toBe(report.verdict);
    expect(again.results.map((result) => [result.id, result.status])).toEqual(report.results.map((result) => [result.id, result.status]));
    expect(again.notices.map((notice) => notice.id)).toContain('redacted');
  });

  it('the report and the inventory of a run share pseudonyms, and the map translates them back', () => {
    const { map } = pseudonyms;
    const server = inventory.artifacts.ExchangeServers?.servers[0]?.name;
    if (server) {
      const pseudonym = Object.entries(map).find(([, realName]) => realName.toLowerCase() === server.toLowerCase())?.[0];
      expect(pseudonym).toMatch(/^server-\d+$/);
      expect(JSON.stringify(redactedInventory)).toContain(`"name":"${pseudonym}"`);
      expect(JSON.stringify(redactedReport)).toContain(pseudonym);
    }
    expect(Object.values(map)).toEqual(expect.arrayContaining(['contoso.com']));
  });
});
