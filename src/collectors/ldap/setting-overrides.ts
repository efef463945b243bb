// Setting overrides (New-SettingOverride) as Exchange stores them: one msExchConfigSettings object per override one
// level below CN=Setting Overrides,CN=Global Settings,<organization>, its msExchConfigurationXML holding
// <S CN="component" SN="section" FN="flight" MB="modified by" R="reason" LV="min" HV="max" FV="fix">
//   <Ss><S>server wildcard</S>…</Ss><Ps><P>Name=Value</P>…</Ps></S>
// (decompiled SettingOverride, SettingOverrideXml; docs/facts/hybrid.md). Only that one shape is read, by a small
// bounded reader; anything else is recorded as the override's error, never guessed at.
import type { LdapConnection } from '../../clients/ldap.js';
import { LdapFailure } from '../../clients/ldap-errors.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import type { SettingOverride, SettingOverrides } from '../../inventory/artifacts.js';
import { byName, text } from './values.js';

/** Far more than any organization sets; the artifact says when there were more. */
export const MAX_OVERRIDES = 500;
/** The attribute's schema allows 100 KB; a larger value is not an override Exchange wrote. */
const MAX_XML_CHARS = 102_400;
const MAX_LIST_ITEMS = 64;

export async function collectSettingOverrides(connection: LdapConnection, organizationDn: string): Promise<SettingOverrides> {
  const base = `CN=Setting Overrides,CN=Global Settings,${organizationDn}`;
  let entries: Awaited<ReturnType<LdapConnection['search']>>['entries'];
  try {
    ({ entries } = await connection.search(base, {
      scope: 'one',
      filter: '(objectClass=msExchConfigSettings)',
      attributes: ['cn', 'msExchConfigurationXML'],
    }));
  } catch (error) {
    // No override was ever created: the container does not exist.
    if (error instanceof LdapFailure && error.reason === 'no-such-object') return { overrides: [], truncated: false };
    throw error;
  }
  const overrides = entries.slice(0, MAX_OVERRIDES).map((entry) => {
    const name = text(entry, 'cn') ?? firstRdnValue(entry.dn) ?? entry.dn;
    return { name, ...parseSettingOverrideXml(text(entry, 'msExchConfigurationXML')) };
  });
  return { overrides: overrides.sort(byName), truncated: entries.length > MAX_OVERRIDES };
}

type Parsed = Omit<SettingOverride, 'name'>;

const EMPTY: Parsed = {
  component: null,
  section: null,
  flight: null,
  parameters: [],
  servers: [],
  minVersion: null,
  maxVersion: null,
  fixVersion: null,
  reason: null,
  modifiedBy: null,
  error: null,
};

export function parseSettingOverrideXml(xml: string | null): Parsed {
  if (xml === null || xml.trim() === '') return { ...EMPTY, error: 'msExchConfigurationXML is empty' };
  if (xml.length > MAX_XML_CHARS) return { ...EMPTY, error: `msExchConfigurationXML is longer than ${MAX_XML_CHARS} characters` };
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '').trim();
  // A self-closing root (no servers, no parameters) is a document too; such an override never applies.
  const root = /^<S(\s[^>]*)?>([\s\S]*)<\/S>$/.exec(body) ?? /^<S(\s[^>]*?)?\s*\/>$/.exec(body);
  if (!root) return { ...EMPTY, error: 'msExchConfigurationXML is not an <S …>…</S> setting override document' };
  const attributes = attributesOf(root[1] ?? '');
  const inner = root[2] ?? '';
  return {
    component: attributes.get('CN') ?? null,
    section: attributes.get('SN') ?? null,
    flight: attributes.get('FN') ?? null,
    parameters: itemsOf(inner, 'Ps', 'P'),
    servers: itemsOf(inner, 'Ss', 'S'),
    minVersion: attributes.get('LV') ?? null,
    maxVersion: attributes.get('HV') ?? null,
    fixVersion: attributes.get('FV') ?? null,
    reason: attributes.get('R') ?? null,
    modifiedBy: attributes.get('MB') ?? null,
    error: null,
  };
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1] as string;
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

/** The text of each <item> inside <list>…</list>; an empty or self-closing list gives []. */
function itemsOf(inner: string, list: string, item: string): string[] {
  const block = new RegExp(`<${list}(?:\\s[^>]*)?>([\\s\\S]*?)</${list}>`).exec(inner)?.[1];
  if (block === undefined) return [];
  const items: string[] = [];
  for (const match of block.matchAll(new RegExp(`<${item}(?:\\s[^>]*)?>([\\s\\S]*?)</${item}>`, 'g'))) {
    if (items.length >= MAX_LIST_ITEMS) break;
    items.push(decodeEntities(match[1] ?? '').trim());
  }
  return items;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const lower = entity.toLowerCase();
    if (named[lower]) return named[lower] as string;
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
