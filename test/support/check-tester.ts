// CheckTester: runs one check through the real runner on hand-made artifacts and keeps the check's
// contract honest — metadata complete, every message id exercised by some case, every placeholder filled.
import { afterAll, expect } from 'vitest';
import { type AnyCheck, DEFAULT_EVALUATION_OPTIONS, type EvaluationOptions, placeholdersOf } from '../../checks/api.js';
import type { Artifacts } from '../../src/inventory/artifacts.js';
import { type ArtifactError, INVENTORY_SCHEMA_VERSION, type Inventory } from '../../src/inventory/inventory.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import type { CheckResult } from '../../src/report/report.js';

export interface CaseInput {
  artifacts: Partial<Artifacts>;
  artifactErrors?: Partial<Record<keyof Artifacts, ArtifactError>>;
  now?: string;
  options?: Partial<EvaluationOptions>;
}

export function inventoryOf(input: CaseInput): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'hybrid-readiness', version: '0.0.0-test' },
    collectedAt: input.now ?? '2026-11-27T12:00:00.000Z',
    target: { domains: [], namespaces: [], mailboxes: [], adDomain: null, ldapUrl: null, tenantId: null },
    settings: { mode: 'fixture', timeoutMs: null, httpsPort: null, resolvers: [], treatAsPublic: [], globalCatalog: false, cloud: null },
    artifacts: input.artifacts,
    artifactErrors: input.artifactErrors ?? {},
  };
}

export function createCheckTester(check: AnyCheck) {
  const used = new Set<string>();

  function run(input: CaseInput): CheckResult {
    const [result] = evaluate({
      inventory: inventoryOf(input),
      checks: [check],
      deselected: new Set(),
      options: { ...DEFAULT_EVALUATION_OPTIONS, ...input.options },
    });
    if (!result) throw new Error('runner returned no result');
    if (result.status === 'error' && result.reason?.startsWith('the check failed unexpectedly')) {
      throw new Error(`${check.id} threw: ${result.reason}`);
    }
    for (const finding of result.findings) {
      used.add(finding.messageId);
      expect(finding.message, `${check.id}/${finding.messageId} left a placeholder unfilled`).not.toMatch(/\{\{/);
      if (finding.remediation !== null) {
        expect(finding.remediation).not.toMatch(/\{\{/);
        // A remediation template (FindingInput.remediationId) is a message id too: count it as produced.
        for (const [id, text] of Object.entries(check.messages)) if (matchesTemplate(text, finding.remediation)) used.add(id);
      }
      if (finding.status === 'fail')
        expect(finding.evidence, `${check.id}/${finding.messageId}: a failure carries evidence`).not.toEqual({});
    }
    expect(result.summary, `${check.id} summary left a placeholder unfilled`).not.toMatch(/\{\{/);
    const summaryId = Object.entries(check.messages).find(([, text]) => placeholdersOf(text).length === 0 && text === result.summary)?.[0];
    if (summaryId) used.add(summaryId);
    else for (const [id, text] of Object.entries(check.messages)) if (matchesTemplate(text, result.summary)) used.add(id);
    return result;
  }

  afterAll(() => {
    assertMetadata(check);
    const unused = Object.keys(check.messages).filter((id) => !used.has(id));
    expect(unused, `${check.id}: message ids never produced by any test case`).toEqual([]);
  });

  return { run };
}

function matchesTemplate(template: string, text: string): boolean {
  const pattern = template
    .split(/\{\{\s*[\w.-]+\s*(?:\|[^|{}]*\|[^|{}]*)?\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(text);
}

export function assertMetadata(check: AnyCheck): void {
  expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  expect(check.title.length).toBeGreaterThan(5);
  expect(check.description.length).toBeGreaterThan(20);
  expect(check.requirement.sources.length).toBeGreaterThan(0);
  for (const source of [...check.requirement.sources, ...check.remediation.links]) {
    expect(source.url).toMatch(/^https:\/\//);
    expect(source.title.length).toBeGreaterThan(3);
  }
  expect(check.remediation.summary.length).toBeGreaterThan(20);
  expect(check.remediation.links.length).toBeGreaterThan(0);
  expect(check.requiredArtifacts.length + check.optionalArtifacts.length).toBeGreaterThan(0);
  // Counts agree with their nouns ({{count|server|servers}}, src/plural.ts): no template hedges with "(s)".
  for (const [id, text] of Object.entries(check.messages)) expect(text, `${check.id}/${id}`).not.toMatch(/\w\((s|es)\)/);
}
