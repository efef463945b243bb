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

describe('neededArtifacts', () => {
  it('unites required and optional artifacts of the selected checks, in registry order, without duplicates', () => {
    expect(neededArtifacts(catalogue)).toEqual(['ExchangeServers', 'PublicDns', 'EndpointProbes', 'DeclaredApis']);
    expect(neededArtifacts(selectChecks(catalogue, { only: ['beta'], skip: null }).selected)).toEqual(['PublicDns', 'EndpointProbes']);
    expect(neededArtifacts([])).toEqual([]);
  });
});
