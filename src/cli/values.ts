// Parsers for single option values, shared by flags and the config file. Each returns the normalised value
// or throws InvalidValue with a short "expected …" message; the caller adds where the value came from.
import { isIP } from 'node:net';

export class InvalidValue extends Error {}

export function positiveInteger(text: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new InvalidValue(`expected ${what}, got ${JSON.stringify(text)}`);
  const value = Number(trimmed);
  if (value < 1 || value > max) throw new InvalidValue(`expected ${what} between 1 and ${max}, got ${trimmed}`);
  return value;
}

export function port(text: string): number {
  return positiveInteger(text, 'a TCP port number', 65535);
}

/** Per network operation; ten minutes is far beyond any sane probe and catches a unit mistake (seconds vs ms). */
export function timeoutMs(text: string): number {
  return positiveInteger(text, 'a timeout in milliseconds', 600_000);
}

const durationUnits: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

/** "3h", "90m", "1d", "1h30m" → minutes. A bare number is refused: minutes or hours would be a guess. */
export function durationMinutes(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+[mhdw])+$/.test(trimmed)) {
    throw new InvalidValue(`expected a duration such as 90m, 3h, 1d or 1h30m, got ${JSON.stringify(text)}`);
  }
  let minutes = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([mhdw])/g)) minutes += Number(amount) * (durationUnits[unit as string] ?? 0);
  if (minutes < 1) throw new InvalidValue(`expected a duration of at least one minute, got ${JSON.stringify(text)}`);
  return minutes;
}

/** "192.0.2.0/24", "2001:db8::/32" or "127.0.0.0/8"; returned as given (trimmed). */
export function cidr(text: string): string {
  const trimmed = text.trim();
  const match = /^([^/]+)\/(\d{1,3})$/.exec(trimmed);
  const family = match ? isIP(match[1] as string) : 0;
  const bits = match ? Number(match[2]) : -1;
  if (!match || family === 0 || bits > (family === 4 ? 32 : 128)) {
    throw new InvalidValue(`expected an address range in CIDR notation such as 127.0.0.0/8 or 2001:db8::/32, got ${JSON.stringify(text)}`);
  }
  return trimmed;
}

const hostLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host or domain name, lower-cased, without a trailing dot. */
export function hostName(text: string, what = 'a DNS name'): string {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (name.length > 253 || labels.length < 2 || !labels.every((label) => hostLabel.test(label))) {
    throw new InvalidValue(`expected ${what} such as contoso.com, got ${JSON.stringify(text)}`);
  }
  return name;
}

/** An SMTP address; lower-cased because Exchange matches addresses case-insensitively. */
export function mailbox(text: string): string {
  const address = text.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (at < 1 || /[\s<>(),;:"[\]]/.test(local))
    throw new InvalidValue(`expected an SMTP address such as user@contoso.com, got ${JSON.stringify(text)}`);
  return `${local}@${hostName(address.slice(at + 1), 'an SMTP address such as user@contoso.com; the domain')}`;
}

/** "1.1.1.1", "127.0.0.1:5353", "[::1]:53", "::1", or a DoH URL "https://…/dns-query". Returned as given. */
export function resolver(text: string): string {
  const value = text.trim();
  const expected = `expected a resolver such as 1.1.1.1, 127.0.0.1:5353, [::1]:53 or https://cloudflare-dns.com/dns-query, got ${JSON.stringify(text)}`;
  if (/^https:\/\//i.test(value)) {
    url(value, ['https:']);
    return value;
  }
  if (isIP(value) !== 0) return value;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  if (!match || !address || isIP(address) === 0) throw new InvalidValue(expected);
  // Brackets for IPv6 only ("[::1]:53"); a bare "a.b.c.d:port" for IPv4.
  if (isIP(address) !== (match[1] !== undefined ? 6 : 4)) throw new InvalidValue(expected);
  port(match[3] as string);
  return value;
}

export function url(text: string, protocols: readonly string[]): string {
  const value = text.trim();
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidValue(`expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${JSON.stringify(text)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new InvalidValue(`expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${JSON.stringify(text)}`);
  }
  if (parsed.username || parsed.password) throw new InvalidValue('a URL must not carry credentials; use the *-env options for secrets');
  return value;
}

/**
 * Name of an environment variable (the secret itself never travels on argv). A value that is not a name is not
 * echoed: what was typed there is most likely the secret itself.
 */
export function environmentVariableName(text: string): string {
  const name = text.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) {
    throw new InvalidValue(
      'expected the NAME of an environment variable (letters, digits and _, such as LDAP_PW), not a value; what was given is not shown in case it is a secret: put the secret in a variable and name that',
    );
  }
  return name;
}

/** A GUID (tenant or client id) or, for tenants, a domain such as contoso.onmicrosoft.com. */
export function guid(text: string, what: string): string {
  const value = text.trim().toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
    throw new InvalidValue(`expected ${what} as a GUID such as 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function tenant(text: string): string {
  try {
    return guid(text, 'the tenant id');
  } catch {
    try {
      return hostName(text);
    } catch {
      throw new InvalidValue(
        `expected the tenant id (a GUID) or a tenant domain such as contoso.onmicrosoft.com, got ${JSON.stringify(text)}`,
      );
    }
  }
}

export function oneOf<T extends string>(text: string, choices: readonly T[], what: string): T {
  const value = text.trim().toLowerCase();
  const found = choices.find((choice) => choice === value);
  if (!found) throw new InvalidValue(`expected ${what}: ${choices.join(', ')}; got ${JSON.stringify(text)}`);
  return found;
}

/** "a,b , c" and repeated flags → ["a","b","c"], without empties or duplicates, in order. */
export function commaList(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const item = part.trim();
      if (item && !out.includes(item)) out.push(item);
    }
  }
  return out;
}
