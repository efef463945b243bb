// One report with every display status, for the reporters' unit tests: dag-copy-on-2013 (collected 2026-11-20)
// with results borrowed from other scenarios (an error, a warn, a not-applicable), one manual, one deselected, and
// exceptions in each state — accepted, expired and unmatched — summarized by the real summarizer.
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import type { DeclaredException } from '../../src/pipeline/exceptions.js';
import { summarize } from '../../src/pipeline/summarize.js';
import type { CheckResult, Report } from '../../src/report/report.js';
import { checksOf, inventoryFileOf, scenarioInventoryFile, scenarioReport } from './scenario-reports.js';

export const MIXED_EXCEPTIONS: DeclaredException[] = [
  {
    check: 'mailbox-database-placement',
    subject: 'DB02',
    reason: 'DB02 moves to the new DAG in Q1',
    owner: 'messaging team',
    ticket: 'CHG-1042',
    expires: '2026-12-31',
  },
  { check: 'exchange-support-lifecycle', reason: 'Upgrade to SE is budgeted for 2027', owner: 'it-ops', expires: '2026-06-30' },
  { check: 'prepare-ad-cu3', reason: 'Schema update pending', owner: 'ad-team', expires: '2027-01-31' },
];

function borrowed(scenario: string, id: string): CheckResult {
  const result = scenarioReport(scenario).results.find((entry) => entry.id === id);
  if (!result) throw new Error(`${scenario} has no result ${id}`);
  return result;
}

export function mixedReport(): Report {
  const name = 'dag-copy-on-2013';
  const inventory = scenarioInventoryFile(name);
  const options = DEFAULT_EVALUATION_OPTIONS;
  const evaluated = evaluate({ inventory, checks: checksOf(), deselected: new Set(['load-balancer-2013-free']), options });
  const results = evaluated.map((result): CheckResult => {
    switch (result.id) {
      case 'exchange-2016-cu3':
        return borrowed('ldap-bind-refused', result.id);
      case 'directory-sync':
        return borrowed('no-graph-access', result.id);
      case 'graph-api-scope':
        return borrowed('directory-sync-never', result.id);
      case 'rest-endpoint-oauth':
        return {
          ...result,
          status: 'manual',
          summary: 'Verify by hand that the gateway passes /api through.',
          findings: result.findings.map((finding) => ({ ...finding, status: 'manual' })),
          remediation: { summary: 'Publish /api without pre-authentication.', links: [] },
        };
      default:
        return result;
    }
  });
  return summarize({
    inventory,
    results,
    options,
    failOn: 'blocker',
    source: 'inventory',
    inventoryFile: inventoryFileOf(name),
    exceptions: MIXED_EXCEPTIONS,
  });
}
