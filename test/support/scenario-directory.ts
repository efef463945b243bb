// A scenario's Active Directory in slapd: the lab's entries for the scenario (src/lab/scenario-directory.ts) written as
// LDIF for the Exchange-like test schema (fixtures/ldap/), with the RootDSE naming contexts, so that the LDAP
// collector reading slapd gives back the scenario's directory artifacts. slapd is not AD, so the LDIF differs where
// the test schema does: one structural class per entry, a plain container where the schema lacks AD's class (the
// Configuration and Schema partition roots, sites), sn on users (inetOrgPerson requires it), missing parents as
// containers, and a userPassword on the account the tests bind as.
import { readFileSync } from 'node:fs';
import { dnKey, escapeDnValue, parseDn } from '../../src/clients/ldap-escape.js';
import type { LdapEntryInput, LdapInputValue } from '../../src/lab/ldap-directory.js';
import { type DirectoryArtifacts, scenarioEntries } from '../../src/lab/scenario-directory.js';
import { EXCHANGE_TEST_SCHEMA } from './slapd.js';

export interface ScenarioDirectory {
  suffix: string;
  ldif: string;
  rootDse: string;
  bindDn: string;
}

/** The classes slapd knows: the test schema's, and core.schema's organizationalUnit for implied parents. */
const KNOWN_CLASSES = new Set(
  [...readFileSync(EXCHANGE_TEST_SCHEMA, 'utf8').matchAll(/^objectclass \( \S+ NAME '([^']+)'/gim)]
    .map((match) => match[1]!.toLowerCase())
    .concat('organizationalunit'),
);

export function directoryFromArtifacts(artifacts: DirectoryArtifacts, bindPassword: string): ScenarioDirectory {
  const { defaultDomain, configuration } = artifacts.ExchangeOrganization.namingContexts;
  if (!defaultDomain) throw new Error('scenario directory: a defaultNamingContext is needed (the test directory has one suffix)');
  const adDomain = (parseDn(defaultDomain)?.rdns ?? []).map((rdn) => rdn.value).join('.');
  const bindDn = `CN=svc-readiness,CN=Users,${defaultDomain}`;
  const { namingContexts, entries } = scenarioEntries(artifacts, {
    adDomain,
    // Only generated mailboxes take this domain; the mailboxes in scope keep their recorded addresses.
    smtpDomain: adDomain,
    siteDn: (site) => `CN=${escapeDnValue(site)},CN=Sites,${configuration}`,
    bindDn,
  });
  const { schema, domain: suffix } = namingContexts;

  const ldif = new Ldif(suffix);
  for (const entry of entries) {
    const attributes = forTestSchema(entry);
    ldif.add(entry.dn, dnKey(entry.dn) === dnKey(bindDn) ? { ...attributes, userPassword: bindPassword } : attributes);
  }
  const rootDse = [
    'dn:',
    `configurationNamingContext: ${configuration}`,
    `schemaNamingContext: ${schema}`,
    `defaultNamingContext: ${suffix}`,
    `rootDomainNamingContext: ${suffix}`,
    '',
  ].join('\n');
  return { suffix, ldif: ldif.toString(), rootDse, bindDn };
}

type Attributes = LdapEntryInput['attributes'];

/** AD lists an object's whole class chain, most specific last; slapd takes that one class and derives the rest. */
function forTestSchema(entry: LdapEntryInput): Attributes {
  const { objectClass, ...attributes } = entry.attributes;
  const chain = (Array.isArray(objectClass) ? objectClass : [objectClass]).map(String);
  const structural = chain.at(-1);
  if (structural === undefined || !KNOWN_CLASSES.has(structural.toLowerCase())) {
    if (attributes.cn === undefined)
      throw new Error(`scenario directory: ${entry.dn} has class ${structural} and no cn to stand in as a container`);
    return { objectClass: 'container', cn: attributes.cn };
  }
  if (structural.toLowerCase() === 'user' && attributes.sn === undefined)
    return { objectClass: structural, ...attributes, sn: attributes.cn ?? '' };
  return { objectClass: structural, ...attributes };
}

class Ldif {
  readonly #entries = new Map<string, { dn: string; attributes: Attributes; placeholder: boolean }>();
  constructor(readonly suffix: string) {}

  add(dn: string, attributes: Attributes): void {
    this.#ensureParents(dn);
    const key = dnKey(dn);
    const existing = this.#entries.get(key);
    if (existing && !existing.placeholder) throw new Error(`scenario directory: ${dn} would be created twice`);
    const entry = { dn, attributes, placeholder: false };
    if (existing) Object.assign(existing, entry);
    else this.#entries.set(key, entry);
  }

  /** Parents that the scenario does not describe become plain containers, created before their children. */
  #ensureParents(dn: string): void {
    const parsed = parseDn(dn);
    const suffixLength = parseDn(this.suffix)?.rdns.length ?? 0;
    if (!parsed) throw new Error(`scenario directory: "${dn}" is not a DN`);
    if (dnKey(dn) === dnKey(this.suffix)) return;
    if (!dnKey(dn).endsWith(`,${dnKey(this.suffix)}`)) throw new Error(`scenario directory: ${dn} is outside ${this.suffix}`);
    if (!this.#entries.has(dnKey(this.suffix))) throw new Error(`scenario directory: ${dn} comes before the suffix entry ${this.suffix}`);
    for (let index = parsed.rdns.length - suffixLength - 1; index >= 1; index--) {
      const parent = dn.slice(parsed.starts[index]);
      const key = dnKey(parent);
      if (this.#entries.has(key)) continue;
      const rdn = parsed.rdns[index]!;
      const type = rdn.type.toLowerCase();
      if (type !== 'cn' && type !== 'ou') throw new Error(`scenario directory: cannot create the parent ${parent}`);
      const attributes: Attributes =
        type === 'ou' ? { objectClass: 'organizationalUnit', ou: rdn.value } : { objectClass: 'container', cn: rdn.value };
      this.#entries.set(key, { dn: parent, attributes, placeholder: true });
    }
  }

  toString(): string {
    const blocks: string[] = [];
    for (const { dn, attributes } of this.#entries.values()) {
      const lines = [line('dn', dn)];
      for (const [name, value] of Object.entries(attributes)) {
        for (const single of Array.isArray(value) ? (value as readonly LdapInputValue[]) : [value as LdapInputValue])
          lines.push(line(name, single));
      }
      blocks.push(`${lines.join('\n')}\n`);
    }
    return blocks.join('\n');
  }
}

/** RFC 2849: binary values, and text outside SAFE-STRING (or with a trailing space), are written base64. */
function line(name: string, value: LdapInputValue): string {
  if (Buffer.isBuffer(value)) return `${name}:: ${value.toString('base64')}`;
  const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(text) && !text.endsWith(' ');
  return safe || text === '' ? `${name}: ${text}` : `${name}:: ${Buffer.from(text, 'utf8').toString('base64')}`;
}
