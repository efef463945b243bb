import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { neededArtifacts, selectChecks } from '../../src/pipeline/select.js';
import { needsCheck, serverBuildCheck } from '../support/synthetic-checks.js';

const catalogue = [
  serverBuildCheck('alpha'),
  needsCheck('beta', ['PublicDns'], ['EndpointProbes']),
  needsCheck('gamma', ['DeclaredApis', 'ExchangeServers']),
];

describe('selectChecks', () => {
  it('runs every check when neither --only nor --skip is given', () => {
    const selection = selectChecks(catalogue, { only: null, skip: null });
    expect(selection.selected.map((check) => check.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect([...selection.deselected]).toEqual([]);
  });

  it('--only keeps catalogue order and deselects the rest', () => {
    const selection = selectChecks(catalogue, { only: ['gamma', 'alpha'], skip: null });
    expect(selection.selected.map((check) => check.id)).toEqual(['alpha', 'gamma']);
    expect([...selection.deselected]).toEqual(['beta']);
    expect(selection.checks).toHaveLength(3);
  });

  it('--skip deselects the named checks', () => {
    const selection = selectChecks(catalogue, { only: null, skip: ['beta'] });
    expect(selection.selected.map((check) => check.id)).toEqual(['alpha', 'gamma']);
    expect([...selection.deselected]).toEqual(['beta']);
  });

  it('refuses an unknown id and lists the valid ones', () => {
    expect(() => selectChecks(catalogue, { only: ['alpah'], skip: null })).toThrow(UsageError);
    expect(() => selectChecks(catalogue, { only: ['alpah'], skip: null })).toThrow(
      /--only: unknown check id alpah; valid ids: alpha, beta, gamma/,
    );
    expect(() => selectChecks(catalogue, { only: null, skip: ['x', 'y'] })).toThrow(/--skip: unknown check ids x, y/);
  });

  it('refuses --only together with --skip', () => {
    expect(() => selectChecks(catalogue, { only: ['alpha'], skip: ['beta'] })).toThrow(/cannot be combined/);
  });
});

describe('selectChecks across requirement sets', () => {
  const hybrid = { ...needsCheck('delta', ['ExchangeAuthConfig']), requirementSet: 'hybrid' as const };
  const sets = [...catalogue, hybrid];

  it('judges graph-rest without --requirements: checks of other sets are not in the selection at all', () => {
    const selection = selectChecks(sets, { only: null, skip: null });
    expect(selection.requirements).toBe('graph-rest');
    expect(selection.checks.map((check) => check.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('judges one set, or all of them, and --only/--skip work within them', () => {
    expect(selectChecks(sets, { only: null, skip: null, requirements: 'hybrid' }).selected.map((check) => check.id)).toEqual(['delta']);
    const all = selectChecks(sets, { only: ['alpha', 'delta'], skip: null, requirements: 'all' });
    expect(all.selected.map((check) => check.id)).toEqual(['alpha', 'delta']);
    expect([...all.deselected]).toEqual(['beta', 'gamma']);
  });

  it('refuses a check of a set that is not judged, naming its set and the --requirements that would include it', () => {
    expect(() => selectChecks(sets, { only: ['delta'], skip: null })).toThrow(
      '--only: delta (set hybrid) is not in the requirement set judged (--requirements graph-rest); add --requirements hybrid or --requirements all',
    );
    expect(() => selectChecks(sets, { only: null, skip: ['alpha'], requirements: 'hybrid' })).toThrow(/--skip: alpha \(set graph-rest\)/);
  });
});

describe('neededArtifacts', () => {
  it('unites required and optional artifacts of the selected checks, in registry order, without duplicates', () => {
    expect(neededArtifacts(catalogue)).toEqual(['ExchangeServers', 'PublicDns', 'EndpointProbes', 'DeclaredApis']);
    expect(neededArtifacts(selectChecks(catalogue, { only: ['beta'], skip: null }).selected)).toEqual(['PublicDns', 'EndpointProbes']);
    expect(neededArtifacts([])).toEqual([]);
  });
});
