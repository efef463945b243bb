// Property: a random inventory (test/support/random-inventory.ts: built from the artifact schemas, every marked
// field a fresh name), assessed and rendered with --redact in every format — and its saved inventory, and its JSON
// report redacted again on its own — contains none of the names written into it, and still replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { parseReport } from '../../src/report/load.js';
import { redactInventory, redactionFor, redactReport } from '../../src/report/redact.js';
import type { Report } from '../../src/report/report.js';
import { REPORT_FORMATS, render } from '../../src/reporters/index.js';
import { leakedNames } from '../support/marked-names.js';
import { randomInventory } from '../support/random-inventory.js';
import { reportOfInventory } from '../support/scenario-reports.js';

/** Distinct words no report text contains on its own: letters, a digit, letters or digits. */
const words = fc.uniqueArray(fc.stringMatching(/^[a-z]{3}[0-9][a-z0-9]{2,5}$/), { minLength: 24, maxLength: 24 });

const everyFormat = (report: Report) => REPORT_FORMATS.map((format) => render(report, format, { colorLevel: 0, width: 400 }));

describe('--redact on random inventories', () => {
  it('no output contains a name that was written into a marked field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), words, (seed, pool) => {
        const { inventory, names } = randomInventory(seed, pool);
        expect(names.length).toBeGreaterThan(20);
        const report = reportOfInventory(inventory, 'x.json');
        const pseudonyms = redactionFor({ report, inventory });
        const redactedInventory = redactInventory(inventory, pseudonyms);
        const alone = parseReport(JSON.stringify(report), 'report.json');
        const outputs = [
          ...everyFormat(redactReport(report, pseudonyms)),
          JSON.stringify(redactedInventory),
          ...everyFormat(redactReport(alone, redactionFor({ report: alone }))),
        ];
        for (const text of outputs) expect(leakedNames(text, names)).toEqual([]);
        expect(() => parseInventory(JSON.stringify(redactedInventory), 'redacted.json')).not.toThrow();
      }),
      // Each run assesses and renders twice (~0.4 s); a failure is reported as found, unshrunk, to keep the suite quick.
      { numRuns: 12, endOnFailure: true },
    );
  });
});
