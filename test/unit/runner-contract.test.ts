// The runner's two promises to every check (src/pipeline/evaluate.ts): a check receives only the artifacts it
// declared, and what it receives is deeply frozen, so one check can neither read nor change another's evidence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AnyCheck, DEFAULT_EVALUATION_OPTIONS, defineCheck } from '../../checks/api.js';
import type { ArtifactName } from '../../src/inventory/artifacts.js';
import { parseInventory } from '../../src/inventory/load.js';
import { evaluate } from '../../src/pipeline/evaluate.js';

const ready = parseInventory(readFileSync(new URL('../../fixtures/scenarios/ready/inventory.json', import.meta.url), 'utf8'), 'ready');

/** A check that hands what it was given to `observe` and passes. */
function probeCheck(
  id: string,
  required: readonly ArtifactName[],
  optional: readonly ArtifactName[],
  observe: (artifacts: object) => void,
) {
  return defineCheck({
    id,
    title: 'probe',
    description: 'records what the runner gives it',
    requirement: { id: null, text: 'none', sources: [] },
    requirementSet: 'graph-rest',
    severity: 'advice',
    requiredArtifacts: required,
    optionalArtifacts: optional,
    messages: { ok: 'ok' },
    remediation: { summary: 'none', links: [] },
    run: ({ artifacts }) => {
      observe(artifacts);
      return { status: 'pass', summary: { messageId: 'ok' }, findings: [] };
    },
  }) as unknown as AnyCheck;
}

function run(checks: readonly AnyCheck[]) {
  return evaluate({ inventory: ready, checks, deselected: new Set(), options: DEFAULT_EVALUATION_OPTIONS });
}

describe('the runner', () => {
  it('gives a check exactly the artifacts it declared, although the inventory holds more', () => {
    expect(Object.keys(ready.artifacts).length).toBeGreaterThan(3);
    let seen: object | undefined;
    const [result] = run([probeCheck('probe', ['ExchangeServers'], ['PublicDns'], (artifacts) => (seen = artifacts))]);
    expect(result?.status).toBe('pass');
    expect(Object.keys(seen ?? {}).sort()).toEqual(['ExchangeServers', 'PublicDns']);
    expect((seen as Record<string, unknown>)['MailboxDatabases']).toBeUndefined();
  });

  it('freezes what it gives, deeply: a check that writes to its artifacts errors, and the next check sees them unchanged', () => {
    const before = structuredClone(ready.artifacts.ExchangeServers);
    let frozen = false;
    const writer = probeCheck('writer', ['ExchangeServers'], [], (artifacts) => {
      const servers = (artifacts as { ExchangeServers: { servers: { name: string }[] } }).ExchangeServers.servers;
      frozen = Object.isFrozen(artifacts) && Object.isFrozen(servers) && Object.isFrozen(servers[0]);
      (servers[0] as { name: string }).name = 'changed';
    });
    let after: unknown;
    const reader = probeCheck('reader', ['ExchangeServers'], [], (artifacts) => {
      after = (artifacts as { ExchangeServers: unknown }).ExchangeServers;
    });
    const [written, read] = run([writer, reader]);
    expect(frozen).toBe(true);
    expect(written?.status).toBe('error');
    expect(written?.reason).toMatch(/the check failed unexpectedly: .*read only/);
    expect(read?.status).toBe('pass');
    expect(after).toEqual(before);
    expect(ready.artifacts.ExchangeServers).toEqual(before);
  });

  it('freezes the options too', () => {
    let options: object | undefined;
    const check = defineCheck({
      ...(probeCheck('options', ['ExchangeServers'], [], () => undefined) as unknown as object),
      run: (context: { options: object }) => {
        options = context.options;
        return { summary: { messageId: 'ok' }, findings: [] };
      },
    } as never) as unknown as AnyCheck;
    run([check]);
    expect(Object.isFrozen(options)).toBe(true);
  });
});
