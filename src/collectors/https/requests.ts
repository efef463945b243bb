// Helpers shared by the HTTP probes: requests over one pinned connection, and the record of a request
// that was not sent because the endpoint had already failed TCP or TLS.
import type { TLSSocket } from 'node:tls';
import { type HttpsClientOptions, type PinnedTarget, pinnedHttpClient } from '../../clients/https.js';
import type { HttpExchange, NetworkFailure } from '../../inventory/artifacts.js';

export function urlOf(target: PinnedTarget, path: string): string {
  const host = target.name.includes(':') ? `[${target.name}]` : target.name;
  return `https://${host}${target.port === 443 ? '' : `:${target.port}`}${path}`;
}

/** The request was not sent: the connection had failed already, for the reason given. */
export function notSent(target: PinnedTarget, path: string, blocked: NetworkFailure): HttpExchange {
  return {
    url: urlOf(target, path),
    status: null,
    headers: {},
    bodyExcerpt: null,
    error: { code: blocked.code, message: `not sent: connecting to ${target.address}:${target.port} failed (${blocked.message})` },
  };
}

/**
 * GET paths in order over one connection — a new one (one TCP + TLS handshake), or `opened` — then close it.
 * After a failed request the rest are not sent (and are missing from the result): a server that let one request
 * time out would let the next one time out too, doubling the run.
 */
export async function getOnOneConnection(
  target: PinnedTarget,
  paths: readonly string[],
  options: HttpsClientOptions,
  opened: TLSSocket | null = null,
): Promise<HttpExchange[]> {
  const client = pinnedHttpClient(target, options, opened);
  try {
    const exchanges: HttpExchange[] = [];
    for (const path of paths) {
      const exchange = await client.get(path);
      exchanges.push(exchange);
      if (exchange.error !== null) break;
    }
    return exchanges;
  } finally {
    await client.close();
  }
}
