// HTTP over a pinned TLS connection (see pinned-tls.ts): requests to one chosen address of a name, with Host
// the name, never following redirects (a Location is a fact to record), headers and body bounded by timeouts.
import type { TLSSocket } from 'node:tls';
import { Client } from 'undici';
import type { HttpExchange } from '../inventory/artifacts.js';
import { toNetworkFailure } from './failure.js';
import { connectPinned, hostForAuthority, type HttpsClientOptions, type PinnedTarget } from './pinned-tls.js';

export { connectPinned, type ConnectionFacts, type HttpsClientOptions, type PinnedTarget } from './pinned-tls.js';

export interface PinnedHttpClient {
  /** GET a path on the target; never throws (failures become `error`), never follows redirects. */
  get(path: string, headers?: Record<string, string>): Promise<HttpExchange>;
  close(): Promise<void>;
}

/** Cap on the body text kept as evidence. */
export const BODY_EXCERPT_BYTES = 4096;

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? [...value] : [value];
  }
  return headers;
}

/**
 * One undici Client (one connection at a time, no redirects) whose every connection goes through connectPinned —
 * except the first, when `opened` hands over a connection to the target that is already established.
 * A connection that cannot be made fails the request with the connection's own error.
 */
export function pinnedHttpClient(target: PinnedTarget, options: HttpsClientOptions, opened: TLSSocket | null = null): PinnedHttpClient {
  const origin = `https://${hostForAuthority(target.name)}:${target.port}`;
  const client = new Client(origin, {
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    pipelining: 1,
    connect: (_opts, callback) => {
      const ready = opened;
      opened = null;
      if (ready && !ready.destroyed) {
        connection = ready;
        // undici expects the callback after its connect() has returned, as a real connection would.
        queueMicrotask(() => callback(null, ready));
        return;
      }
      connectPinned(target, options, false).then(
        ({ facts, tlsSocket }) => {
          connection = tlsSocket;
          if (tlsSocket) callback(null, tlsSocket);
          else callback(facts.tls?.error ?? facts.tcp.error ?? new Error('connection failed'), null);
        },
        (error: Error) => callback(error, null),
      );
    },
  });

  // Set when a request was aborted (timeout, error) or its body abandoned past the excerpt. undici then puts the
  // request back in its queue and opens a new connection for nothing once the old one has closed, unless the
  // client is destroyed (https://github.com/nodejs/undici/issues/5845).
  let cut = false;
  let connection: TLSSocket | null = null;
  return {
    async get(path, headers = {}) {
      const url = `${origin.replace(/:443$/, '')}${path}`;
      let response: Awaited<ReturnType<Client['request']>>;
      try {
        response = await client.request({
          method: 'GET',
          path,
          headers: { 'user-agent': 'hybrid-readiness', accept: '*/*', ...headers },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        cut = true;
        return { url, status: null, headers: {}, bodyExcerpt: null, error: toNetworkFailure(error) };
      }
      const exchange: HttpExchange = { url, status: response.statusCode, headers: normaliseHeaders(response.headers), bodyExcerpt: null, error: null };
      let excerpt = Buffer.alloc(0);
      try {
        for await (const chunk of response.body) {
          excerpt = Buffer.concat([excerpt, chunk as Buffer]);
          if (excerpt.length >= BODY_EXCERPT_BYTES) {
            cut = true;
            break;
          }
        }
      } catch (error) {
        // The status and headers arrived; the body did not (timeout, reset). Keep both facts.
        cut = true;
        exchange.error = toNetworkFailure(error);
      }
      exchange.bodyExcerpt = excerpt.subarray(0, BODY_EXCERPT_BYTES).toString('utf8');
      return exchange;
    },
    async close() {
      if (cut) {
        await client.destroy().catch(() => undefined);
        return;
      }
      // The requests are done. Closing the socket first, without an error, spares the Error undici's close would
      // destroy it with: Node formats that error's stack trace (stream destroy reads err.stack), per connection.
      connection?.destroy();
      await client.close().catch(() => client.destroy().catch(() => undefined));
    },
  };
}
