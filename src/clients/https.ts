// HTTP over a pinned TLS connection (see pinned-tls.ts): requests to one chosen address of a name, with Host
// the name, never following redirects (a Location is a fact to record), headers and body bounded by timeouts.
import type { TLSSocket } from 'node:tls';
import { Client } from 'undici';
import type { HttpExchange } from '../inventory/artifacts.js';
import { TimeoutError, toNetworkFailure } from './failure.js';
import { connectPinned, type HttpsClientOptions, hostForAuthority, type PinnedTarget } from './pinned-tls.js';

export { type ConnectionFacts, connectPinned, type HttpsClientOptions, type PinnedTarget } from './pinned-tls.js';

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
 * One GET through undici's dispatch API — its lowest level: no body stream, async iterator or AbortSignal per
 * response, which cost a front-end sample (two requests) ~0.2 ms of CPU in a fresh process (measured with 180
 * samples in flight against the benchmark's servers, bench/servers.ts). Errors, including those undici raises
 * while dispatching, arrive in onResponseError, so this never throws.
 * `reusable` is false when the connection cannot carry another request: an error, a timeout, or a body abandoned
 * after the excerpt.
 */
function getExchange(
  client: Client,
  origin: string,
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ exchange: HttpExchange; reusable: boolean }> {
  const exchange: HttpExchange = {
    url: `${origin.replace(/:443$/, '')}${path}`,
    status: null,
    headers: {},
    bodyExcerpt: null,
    error: null,
  };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let controller: { abort(reason: Error): void } | null = null;
    let done = false;
    const finish = (error: unknown, reusable: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      // The status and headers may have arrived and the body not (timeout, reset): both facts are kept.
      if (error !== null) exchange.error = toNetworkFailure(error);
      if (exchange.status !== null) exchange.bodyExcerpt = Buffer.concat(chunks).subarray(0, BODY_EXCERPT_BYTES).toString('utf8');
      resolve({ exchange, reusable: reusable && error === null });
    };
    // Bounds the whole request, connection included: undici's own timeouts only bound the wait for the headers and
    // each gap in the body, and a server dripping its body a byte at a time would pass both.
    const deadline = setTimeout(() => {
      const error = new TimeoutError(`GET ${path} did not complete within ${timeoutMs} ms`);
      controller?.abort(error);
      finish(error, false);
    }, timeoutMs);
    client.dispatch(
      { origin, method: 'GET', path, headers: { 'user-agent': 'hybrid-readiness', accept: '*/*', ...headers } },
      {
        onRequestStart(requestController) {
          controller = requestController;
        },
        onResponseStart(_controller, statusCode, responseHeaders) {
          // 1xx answers are interim; the final answer follows on the same request.
          if (statusCode < 200) return;
          exchange.status = statusCode;
          exchange.headers = normaliseHeaders(responseHeaders);
        },
        onResponseData(requestController, chunk) {
          if (done) return;
          chunks.push(chunk);
          kept += chunk.length;
          if (kept >= BODY_EXCERPT_BYTES) {
            // Enough evidence: the rest of the body is left unread, so this connection carries nothing more.
            // Finished first: aborting reports the abort to onResponseError at once.
            finish(null, false);
            requestController.abort(new Error('body excerpt complete'));
          }
        },
        onResponseEnd() {
          finish(null, true);
        },
        onResponseError(_controller, error) {
          finish(error, false);
        },
      },
    );
  });
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
      const { exchange, reusable } = await getExchange(client, origin, path, headers, options.timeoutMs);
      if (!reusable) cut = true;
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
