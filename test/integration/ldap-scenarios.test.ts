// Every bundled scenario's Active Directory, rebuilt in a real slapd and collected live: the LDAP collector must
// give back the scenario's directory artifacts, and the checks, judging the collected artifacts together with the
// scenario's other facts, must reach the statuses of the hand-written expected.json. The scenario with a refused
// bind is collected with a wrong password and must end in the same statuses.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import { dnKey } from '../../src/clients/ldap-escape.js';
import { createLdapCollector, LDAP_ARTIFACTS } from '../../src/collectors/ldap/index.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { parseInventory } from '../../src/inventory/load.js';
import { type CertificateAuthority, createCertificateAuthority, type IssuedCertificate } from '../../src/lab/pki.js';
import type { DirectoryArtifacts } from '../../src/lab/scenario-directory.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { BIND_PASSWORD, ldapCollectOptions, recordingContext } from '../support/ldap-fixtures.js';
import { directoryFromArtifacts } from '../support/scenario-directory.js';
import { checksOf, scenarioRequirements } from '../support/scenario-reports.js';
import { startSlapd } from '../support/slapd.js';

const scenariosDir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'scenarios');
const scenarios = readdirSync(scenariosDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function inventoryOf(name: string): Inventory {
  const file = path.join(scenariosDir, name, 'inventory.json');
  return parseInventory(readFileSync(file, 'utf8'), file);
}

function expectedStatuses(name: string): Record<string, string> {
  return (JSON.parse(readFileSync(path.join(scenariosDir, name, 'expected.json'), 'utf8')) as { statuses: Record<string, string> })
    .statuses;
}

function directoryArtifactsOf(inventory: Inventory): DirectoryArtifacts | null {
  const artifacts = inventory.artifacts;
  if (!LDAP_ARTIFACTS.every((name) => artifacts[name] !== undefined)) return null;
  return Object.fromEntries(LDAP_ARTIFACTS.map((name) => [name, artifacts[name]])) as DirectoryArtifacts;
}

/** Entry DNs compared as AD compares them (slapd prints attribute types its own way); lists as multisets. */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, canonical(item, name)]));
  }
  return key === 'dn' && typeof value === 'string' ? dnKey(value) : value;
}

/** Judged under the scenario's own requirement set (expected.json `requirements`, else graph-rest). */
function statusesOf(inventory: Inventory, name: string): Record<string, string> {
  const results = evaluate({
    inventory,
    checks: checksOf(scenarioRequirements(name)),
    deselected: new Set(),
    options: DEFAULT_EVALUATION_OPTIONS,
  });
  return Object.fromEntries(results.map((result) => [result.id, result.status]));
}

let ca: CertificateAuthority;
let leaf: IssuedCertificate;
beforeAll(async () => {
  ca = await createCertificateAuthority('scenario CA');
  leaf = await ca.issue({ names: ['127.0.0.1'] });
});

const collector = createLdapCollector();

async function collectFromScenarioDirectory(inventory: Inventory, artifacts: DirectoryArtifacts, password: string) {
  const directory = directoryFromArtifacts(artifacts, BIND_PASSWORD);
  const slapd = await startSlapd({
    suffix: directory.suffix,
    ldif: directory.ldif,
    rootDse: directory.rootDse,
    tls: { ...leaf, ca: ca.cert },
    indexes: ['homeMDB', 'mail', 'proxyAddresses', 'sAMAccountName'],
  });
  try {
    const options = ldapCollectOptions({
      ldapUrl: slapd.ldapsUrl,
      caPem: ca.cert,
      bindDn: directory.bindDn,
      bindPassword: password,
      mailboxes: inventory.target.mailboxes,
      globalCatalog: false,
    });
    return await collector.collect(LDAP_ARTIFACTS, recordingContext(options));
  } finally {
    await slapd.stop();
  }
}

it('there are scenarios to rebuild', () => {
  expect(scenarios.length).toBeGreaterThan(5);
  expect(scenarios.filter((name) => directoryArtifactsOf(inventoryOf(name)) !== null).length).toBeGreaterThan(5);
});

describe.each(scenarios)('scenario %s, collected from slapd', (name) => {
  const inventory = inventoryOf(name);
  const artifacts = directoryArtifactsOf(inventory);

  if (artifacts) {
    let collected: Awaited<ReturnType<typeof collectFromScenarioDirectory>>;
    beforeAll(async () => {
      collected = await collectFromScenarioDirectory(inventory, artifacts, BIND_PASSWORD);
    });

    it('gives back the scenario’s directory artifacts', () => {
      expect(collected.errors).toEqual({});
      for (const artifact of LDAP_ARTIFACTS) {
        expect(canonical(collected.artifacts[artifact]), artifact).toEqual(canonical(artifacts[artifact]));
      }
    });

    it('reaches the statuses of expected.json with the collected artifacts', () => {
      const live: Inventory = { ...inventory, artifacts: { ...inventory.artifacts, ...collected.artifacts } };
      expect(statusesOf(live, name)).toEqual(expectedStatuses(name));
    });
  } else {
    it('was a refused bind: a wrong password against the ready directory ends in the same statuses', async () => {
      const errors = LDAP_ARTIFACTS.map((artifact) => inventory.artifactErrors[artifact]);
      expect(
        errors.every((error) => error !== undefined),
        'a scenario without directory artifacts records why',
      ).toBe(true);
      const ready = directoryArtifactsOf(inventoryOf('ready'));
      if (!ready) throw new Error('the ready scenario has no directory artifacts');
      const failure = await collectFromScenarioDirectory(inventory, ready, 'not-the-password').then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ reason: 'invalid-credentials' });
      const message = (failure as Error).message;
      const artifactErrors = Object.fromEntries(
        LDAP_ARTIFACTS.map((artifact) => [artifact, { code: 'ldap-invalid-credentials', message }]),
      );
      const withoutDirectory = Object.fromEntries(
        Object.entries(inventory.artifacts).filter(([artifact]) => !(LDAP_ARTIFACTS as readonly string[]).includes(artifact)),
      );
      const live: Inventory = {
        ...inventory,
        artifacts: withoutDirectory,
        artifactErrors: { ...inventory.artifactErrors, ...artifactErrors },
      };
      expect(statusesOf(live, name)).toEqual(expectedStatuses(name));
    });
  }
});
