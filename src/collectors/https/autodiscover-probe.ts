// Autodiscover v2, as Graph and Outlook use it: anonymous
// GET /autodiscover/autodiscover.json/v1.0/<mailbox>?Protocol=Rest (and Ews), answered with {"Protocol","Url"}.
// Source of the form: CSS-Exchange Shared/Get-ProtocolEndpointViaAutoDv2.ps1 (docs/facts/http.md §4).
import type { PinnedTarget } from '../../clients/https.js';
import type { AutodiscoverProbe, ConnectionTrust, HttpExchange } from '../../inventory/artifacts.js';

export type AutodiscoverProtocol = AutodiscoverProbe['protocol'];
export const AUTODISCOVER_PROTOCOLS: readonly AutodiscoverProtocol[] = ['Rest', 'Ews'];

/**
 * Used when no --mailbox is at the domain. Whether on-premises Autodiscover v2 answers an unknown address the same
 * way as a real one is not confirmed (docs/facts/http.md §4), so the address is recognisably made up and stays in the evidence.
 */
export function syntheticMailbox(domain: string): string {
  return `hybrid-readiness-probe@${domain}`;
}

export function mailboxesForDomain(domain: string, mailboxes: readonly string[]): string[] {
  const atDomain = mailboxes.filter((mailbox) => mailbox.slice(mailbox.lastIndexOf('@') + 1).toLowerCase() === domain);
  return atDomain.length > 0 ? [...new Set(atDomain)] : [syntheticMailbox(domain)];
}

/**
 * The plain documented form only. ProxyShell/ProxyNotShell (CVE-2021-34473, CVE-2022-41040) abused
 * `autodiscover.json?@…` and `…&Email=autodiscover/autodiscover.json` URLs; we never build anything like them,
 * and refuse a mailbox that would smuggle a path, query or fragment into the URL.
 */
export function autodiscoverPath(mailbox: string, protocol: AutodiscoverProtocol): string {
  if (!/^[^@\s/?#&%\\]+@[^@\s/?#&%\\]+$/.test(mailbox)) throw new Error(`not a plain SMTP address: ${JSON.stringify(mailbox)}`);
  const encoded = encodeURIComponent(mailbox).replace('%40', '@');
  return `/autodiscover/autodiscover.json/v1.0/${encoded}?Protocol=${protocol}`;
}

/** The {Protocol, Url} JSON of a successful answer (property names in any casing), else null. */
export function parseAutodiscoverJson(exchange: HttpExchange): AutodiscoverProbe['parsed'] {
  if (exchange.status !== 200 || !exchange.bodyExcerpt) return null;
  let body: unknown;
  try {
    body = JSON.parse(exchange.bodyExcerpt);
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const fields = Object.fromEntries(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  return typeof fields.protocol === 'string' && typeof fields.url === 'string' ? { protocol: fields.protocol, url: fields.url } : null;
}

export interface AutodiscoverRequest {
  target: PinnedTarget;
  domain: string;
  mailbox: string;
  protocol: AutodiscoverProtocol;
  /** null when the mailbox is not a plain address (the request is then recorded as not sent). */
  path: string | null;
}

export function autodiscoverRequests(target: PinnedTarget, domain: string, mailboxes: readonly string[]): AutodiscoverRequest[] {
  return mailboxesForDomain(domain, mailboxes).flatMap((mailbox) =>
    AUTODISCOVER_PROTOCOLS.map((protocol) => {
      let path: string | null = null;
      try {
        path = autodiscoverPath(mailbox, protocol);
      } catch {
        path = null;
      }
      return { target, domain, mailbox, protocol, path };
    }),
  );
}

export function autodiscoverProbe(
  request: AutodiscoverRequest,
  response: HttpExchange,
  connection: ConnectionTrust | null,
): AutodiscoverProbe {
  return {
    host: request.target.name,
    address: request.target.address,
    domain: request.domain,
    mailbox: request.mailbox,
    protocol: request.protocol,
    response,
    parsed: parseAutodiscoverJson(response),
    connection,
  };
}
