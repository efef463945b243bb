// The OAuth configuration the dedicated Exchange hybrid application changes, as Exchange stores it (decompiled
// AuthConfigSchema and AuthServerSchema; docs/facts/hybrid.md): the CN=Auth Configuration object below the
// organization — ServiceName in msExchAuthApplicationIdentifier, the Auth certificate thumbprints in the
// multi-valued msExchAuthCertificateThumbprint ("0:" current, "1:" previous, "2:" next; one unprefixed value is
// the current one), msExchAuthNextEffectiveDate — and the auth servers, whose msExchAuthApplicationIdentifier the
// script sets to the dedicated application's appId.
import type { LdapConnection } from '../../clients/ldap.js';
import { LdapFailure } from '../../clients/ldap-errors.js';
import { firstRdnValue } from '../../clients/ldap-escape.js';
import type { ExchangeAuthConfig } from '../../inventory/artifacts.js';
import { AUTH_SERVER_TYPES } from './hybrid-configuration.js';
import { byName, integer, text, texts } from './values.js';

const DEFAULT_AUTH_FLAGS = 1;
const ENABLED_BIT = 1;
/** Real objects hold at most three (current, previous, next); more is kept out of the artifact. */
const MAX_THUMBPRINT_VALUES = 8;

export async function collectExchangeAuthConfig(connection: LdapConnection, organizationDn: string): Promise<ExchangeAuthConfig> {
  const dn = `CN=Auth Configuration,${organizationDn}`;
  const entry = await connection.read(dn, [
    'msExchAuthApplicationIdentifier',
    'msExchAuthRealm',
    'msExchAuthCertificateThumbprint',
    'msExchAuthNextEffectiveDate',
  ]);
  let servers: Awaited<ReturnType<LdapConnection['search']>>['entries'] = [];
  try {
    ({ entries: servers } = await connection.search(organizationDn, {
      scope: 'sub',
      filter: '(objectClass=msExchAuthAuthServer)',
      attributes: [
        'cn',
        'msExchAuthAuthServerType',
        'msExchAuthFlags',
        'msExchAuthRealm',
        'msExchAuthApplicationIdentifier',
        'msExchAuthIssuerName',
      ],
    }));
  } catch (error) {
    if (!(error instanceof LdapFailure) || error.reason !== 'no-such-object') throw error;
  }
  const raw = entry ? texts(entry, 'msExchAuthCertificateThumbprint').slice(0, MAX_THUMBPRINT_VALUES) : [];
  return {
    authConfig: entry
      ? {
          dn,
          serviceName: blankToNull(text(entry, 'msExchAuthApplicationIdentifier')),
          realm: blankToNull(text(entry, 'msExchAuthRealm')),
          currentThumbprint: thumbprintAt(raw, 0),
          previousThumbprint: thumbprintAt(raw, 1),
          nextThumbprint: thumbprintAt(raw, 2),
          nextEffectiveDate: generalizedTime(text(entry, 'msExchAuthNextEffectiveDate')),
          rawThumbprints: raw,
        }
      : null,
    authServers: servers
      .map((server) => {
        const type = integer(server, 'msExchAuthAuthServerType');
        const flags = integer(server, 'msExchAuthFlags') ?? DEFAULT_AUTH_FLAGS;
        return {
          name: text(server, 'cn') ?? firstRdnValue(server.dn) ?? server.dn,
          dn: server.dn,
          type: type !== null ? (AUTH_SERVER_TYPES[type] ?? String(type)) : blankToNull(text(server, 'msExchAuthAuthServerType')),
          enabled: (flags & ENABLED_BIT) !== 0,
          realm: blankToNull(text(server, 'msExchAuthRealm')),
          applicationIdentifier: blankToNull(text(server, 'msExchAuthApplicationIdentifier')),
          issuerIdentifier: blankToNull(text(server, 'msExchAuthIssuerName')),
        };
      })
      .sort(byName),
  };
}

/** MultiValuedStringKeyGetter: the value tagged "<offset>:", or the single untagged value for the current one. */
export function thumbprintAt(values: readonly string[], offset: 0 | 1 | 2): string | null {
  const tag = `${offset}:`;
  const tagged = values.find((value) => value.startsWith(tag));
  const found =
    tagged !== undefined && tagged.length > tag.length ? tagged.slice(tag.length) : offset === 0 && values.length === 1 ? values[0] : null;
  const hex = found?.trim().toUpperCase() ?? '';
  return /^[0-9A-F]{40}$/.test(hex) ? hex : null;
}

/**
 * msExchAuthNextEffectiveDate as ISO 8601. Its AD syntax is not confirmed (docs/facts/hybrid.md), so an LDAP
 * GeneralizedTime ("20270315120000.0Z"), a Windows FILETIME integer and an ISO date are all read; null otherwise.
 */
export function generalizedTime(value: string | null): string | null {
  if (!value) return null;
  if (/^\d{17,19}$/.test(value.trim())) {
    // FILETIME: 100 ns ticks since 1601-01-01.
    const millis = Number(BigInt(value.trim()) / 10_000n) - 11_644_473_600_000;
    return Number.isFinite(millis) && millis > 0 ? new Date(millis).toISOString().replace('.000Z', 'Z') : null;
  }
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(value.trim());
  if (match) return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().replace('.000Z', 'Z');
}

function blankToNull(value: string | null): string | null {
  return value?.trim() ? value.trim() : null;
}
