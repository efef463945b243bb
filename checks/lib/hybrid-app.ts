// What the hybrid checks share about the dedicated Exchange hybrid application: the well-known ids, which
// rich-coexistence features the hybrid configuration turns on, the EvoSTS auth servers and the application ids
// they name, and whether a setting override is on for a server. Facts and sources: docs/facts/hybrid.md.

import { type ExchangeBuild, formatShort, parseDottedBuild } from '../../src/exchange/version.js';
import type { ExchangeAuthConfig, ExchangeServer, HybridFeatures, SettingOverride } from '../../src/inventory/artifacts.js';
import { EXCHANGE_APP_ID } from './http-evidence.js';

/** The shared first-party application "Office 365 Exchange Online" (also the resource of full_access_as_app). */
export const FIRST_PARTY_APP_ID = EXCHANGE_APP_ID;
/** The app role "full_access_as_app" of Office 365 Exchange Online (ConfigureExchangeHybridApplication.ps1). */
export const FULL_ACCESS_AS_APP_ROLE_ID = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The application permissions the May 2026 script gives the app for the Graph flow (ConfigureExchangeHybridApplication.ps1). */
export const GRAPH_FLOW_PERMISSIONS = [
  'Calendars.Read',
  'MailboxSettings.Read',
  'MailTips.ReadBasic.All',
  'ProfilePhoto.Read.All',
] as const;

export const DEDICATED_APP_OVERRIDE = { component: 'Global', section: 'ExchangeOnpremAsThirdPartyAppId' } as const;
/** The script creates it with component "SettingOverride"; the component is not confirmed elsewhere, so any component is read. */
export const GRAPH_ROUTING_OVERRIDE = { component: 'SettingOverride', section: 'RouteThroughMSGraph' } as const;

/** The features that need the dedicated application: free/busy, MailTips and profile photos across premises. */
export const RICH_COEXISTENCE_FEATURES = ['FreeBusy', 'Mailtips', 'Photos'] as const;

export type RichCoexistence =
  | { kind: 'no-hybrid-configuration' }
  | { kind: 'unreadable' }
  | { kind: 'off'; features: string[] }
  | { kind: 'on'; enabled: string[]; features: string[] };

export function richCoexistenceOf(hybrid: HybridFeatures): RichCoexistence {
  const configuration = hybrid.configuration;
  if (!configuration) return { kind: 'no-hybrid-configuration' };
  if (configuration.featureFlags === null) return { kind: 'unreadable' };
  const enabled = RICH_COEXISTENCE_FEATURES.filter((feature) => configuration.features.includes(feature));
  return enabled.length > 0 ? { kind: 'on', enabled, features: configuration.features } : { kind: 'off', features: configuration.features };
}

/** "FreeBusy, Mailtips" — or "none" — for messages. */
export function listed(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : 'none';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && GUID.test(value.trim());
}

/** What --redact writes for an application id (docs/redaction.md): a redacted inventory replays to the same verdict. */
const APPLICATION_PSEUDONYM = /^application-\d+$/;

/** An application id: a GUID, or its pseudonym in a redacted inventory. */
export function isAppId(value: string | null | undefined): value is string {
  if (typeof value !== 'string') return false;
  return GUID.test(value.trim()) || APPLICATION_PSEUDONYM.test(value.trim());
}

/** Enabled auth servers of type AzureAD: the EvoSTS servers the dedicated application is configured on. */
export function evoStsServers(config: ExchangeAuthConfig): ExchangeAuthConfig['authServers'] {
  return config.authServers.filter((server) => server.enabled && server.type?.toLowerCase() === 'azuread');
}

/** The dedicated application ids the EvoSTS servers name (GUIDs other than the first-party id), de-duplicated. */
export function dedicatedAppIds(config: ExchangeAuthConfig): string[] {
  const ids = evoStsServers(config)
    .map((server) => server.applicationIdentifier?.trim().toLowerCase() ?? '')
    .filter((id) => isAppId(id) && id !== FIRST_PARTY_APP_ID);
  return [...new Set(ids)];
}

/**
 * A tenant identifier as trusted_issuers carries it after "@": normally the tenant GUID, but compared as an opaque
 * token (lower-cased), so a realm written another way, or a --redact pseudonym, still matches itself.
 */
export function tenantToken(value: string | null | undefined): string | null {
  const token = value?.trim().toLowerCase() ?? '';
  return token.length > 0 && token.length <= 256 && !/[\s@]/.test(token) ? token : null;
}

/** The tenants the enabled EvoSTS or ACS auth servers are configured for (their realms). */
export function authServerTenants(config: { authServers: readonly { enabled: boolean; realm: string | null }[] }): string[] {
  const realms = config.authServers.filter((server) => server.enabled).map((server) => tenantToken(server.realm));
  return [...new Set(realms.filter((realm): realm is string => realm !== null))];
}

/** "Enabled=true" → true, "Enabled=false" → false, otherwise null (the script's own reading of the parameter). */
export function enabledParameter(override: SettingOverride): boolean | null {
  for (const parameter of override.parameters) {
    const match = /^\s*Enabled\s*=\s*(true|false)\s*$/i.exec(parameter);
    if (match) return match[1]!.toLowerCase() === 'true';
  }
  return null;
}

export function overridesOf(
  overrides: readonly SettingOverride[],
  wanted: { component: string; section: string },
  anyComponent = false,
): SettingOverride[] {
  const same = (a: string | null, b: string) => a?.trim().toLowerCase() === b.toLowerCase();
  return overrides.filter(
    (override) => same(override.section, wanted.section) && (anyComponent || same(override.component, wanted.component)),
  );
}

/** PowerShell wildcards (* ? [set]) matched against the server's NetBIOS name, as Exchange matches Environment.MachineName. */
function wildcardMatches(pattern: string, name: string): boolean {
  const source = pattern
    .trim()
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char === '[' || char === ']' ? char : char.replace(/[.+^${}()|\\/-]/g, '\\$&'),
    )
    .join('');
  try {
    return new RegExp(`^${source}$`, 'i').test(name);
  } catch {
    return false;
  }
}

function versionOf(text: string | null): ExchangeBuild | null {
  if (text === null) return null;
  const parts = text.trim().split('.');
  while (parts.length < 4) parts.push('0');
  return parseDottedBuild(parts.slice(0, 4).join('.'));
}

function compareVersions(a: ExchangeBuild, b: ExchangeBuild): number {
  return a.major - b.major || a.minor - b.minor || a.build - b.build || (a.revision ?? 0) - (b.revision ?? 0);
}

/**
 * Does the override apply to this server? Its server wildcards (none = every server) and its version window: from
 * MinVersion, up to MaxVersion, below FixVersion (decompiled SettingOverrideXml.Applies). A server whose build is
 * unknown meets an override with a version window only as `unknown`.
 */
export function overrideAppliesTo(
  override: SettingOverride,
  server: Pick<ExchangeServer, 'name'>,
  build: ExchangeBuild | null,
): boolean | 'unknown' {
  if (override.parameters.length === 0) return false;
  if (override.servers.length > 0 && !override.servers.some((pattern) => wildcardMatches(pattern, server.name))) return false;
  const min = versionOf(override.minVersion);
  const max = versionOf(override.maxVersion);
  const fix = versionOf(override.fixVersion);
  if (!min && !max && !fix) return true;
  if (!build || build.revision === null) return 'unknown';
  if (min && compareVersions(build, min) < 0) return false;
  if (max && compareVersions(build, max) > 0) return false;
  if (fix && compareVersions(build, fix) >= 0) return false;
  return true;
}

/** "EnableExchangeHybrid3PAppFeature (Global/ExchangeOnpremAsThirdPartyAppId: Enabled=true; all servers)". */
export function describeOverride(override: SettingOverride): string {
  const scope = override.servers.length > 0 ? `servers ${override.servers.join(', ')}` : 'all servers';
  const window = [
    override.minVersion ? `from ${override.minVersion}` : null,
    override.maxVersion ? `up to ${override.maxVersion}` : null,
    override.fixVersion ? `below ${override.fixVersion}` : null,
  ].filter(Boolean);
  return `${override.name} (${override.component ?? '?'}/${override.section ?? '?'}: ${override.parameters.join('; ') || 'no parameters'}; ${scope}${window.length ? `; ${window.join(', ')}` : ''})`;
}

export function buildText(build: ExchangeBuild | null): string {
  return build ? formatShort(build) : 'unknown build';
}
