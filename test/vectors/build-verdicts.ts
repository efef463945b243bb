// Shared by the build vector tests: the CU3 verdict a reference source's *name* for a build implies (computed here,
// independently of the tool), and the verdict the real exchange-2016-cu3 check gives one AD server per build.
import { readFileSync } from 'node:fs';
import { DEFAULT_EVALUATION_OPTIONS } from '../../checks/api.js';
import exchange2016Cu3 from '../../checks/exchange-2016-cu3.js';
import { formatSerialNumber, parseDottedBuild } from '../../src/exchange/version.js';
import type { ExchangeServer } from '../../src/inventory/artifacts.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { inventoryOf } from '../support/check-tester.js';

export type Product = 'Exchange 2013' | 'Exchange 2016' | 'Exchange 2019' | 'Exchange Server SE' | 'older';

/** pass / fail for Exchange 2016 by CU number; pass for 2019 and SE; not-applicable for 2013 and older. */
export function expectedCu3Verdict(product: Product, cu: number): 'pass' | 'fail' | 'not-applicable' {
  if (product === 'Exchange 2016') return cu >= 3 ? 'pass' : 'fail';
  if (product === 'Exchange 2019' || product === 'Exchange Server SE') return 'pass';
  return 'not-applicable';
}

/** "CU23 Nov22SU" → 23; RTM and Preview → 0; Exchange 2013 SP1 → 4 (it is CU4). */
export function cuNumberOf(release: string): number {
  const cu = /\bCU(\d+)\b/.exec(release);
  if (cu) return Number(cu[1]);
  if (/^SP1\b/.test(release)) return 4;
  return 0;
}

/** Runs exchange-2016-cu3 over one server per build (serialNumber as setup writes it) and returns each finding's status. */
export function cu3VerdictsOf(builds: readonly string[]): Map<string, string> {
  const servers: ExchangeServer[] = builds.map((build, index) => {
    const parsed = parseDottedBuild(build);
    if (!parsed) throw new Error(`vector build ${build} does not parse`);
    return {
      name: `SRV${index}`,
      dn: `CN=SRV${index},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=test`,
      fqdn: `srv${index}.test`,
      serialNumber: formatSerialNumber(parsed),
      versionNumber: null,
      build,
      roles: 2,
      roleNames: ['Mailbox'],
      site: null,
      dag: null,
    };
  });
  const [result] = evaluate({
    inventory: inventoryOf({ artifacts: { ExchangeServers: { servers } } }),
    checks: [exchange2016Cu3],
    deselected: new Set(),
    options: DEFAULT_EVALUATION_OPTIONS,
  });
  const verdicts = new Map<string, string>();
  for (const finding of result?.findings ?? []) {
    const index = Number(finding.subject.name.slice(3));
    verdicts.set(builds[index] as string, finding.status);
  }
  return verdicts;
}

export function readVector(path: string): string {
  return readFileSync(new URL(path, import.meta.url), 'utf8');
}
