// GET requests to Microsoft Graph v1.0 with a bearer token. Owns the Authorization header (never logged) and turns
// Graph's error body into one short line. https://learn.microsoft.com/graph/errors
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { budgetFrom, type HttpBudget, type JsonResponse, sendJson } from './graph-http.js';
import type { Redactor } from './redact.js';

export interface GraphClientOptions {
  graphUrl: string;
  token: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  redactor: Redactor;
  debug: (message: string) => void;
}

export interface GraphClient {
  readonly graphUrl: string;
  /** GET `/v1.0/...` (path and query, already encoded). Throws HttpFailure when no HTTP answer came. */
  get(pathAndQuery: string): Promise<JsonResponse>;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { graphUrl, token, dispatcher, timeoutMs, redactor, debug } = options;
  const onRetry: HttpBudget['onRetry'] = (status, waitMs, url) =>
    debug(`graph: ${status} for ${new URL(url).pathname}, waiting ${waitMs} ms (Retry-After)`);
  return {
    graphUrl,
    async get(pathAndQuery) {
      const requestId = randomUUID();
      const started = Date.now();
      const response = await sendJson(
        dispatcher,
        { method: 'GET', url: `${graphUrl}${pathAndQuery}`, headers: { authorization: `Bearer ${token}`, 'client-request-id': requestId } },
        budgetFrom(timeoutMs, onRetry),
      );
      debug(
        redactor.redact(`graph: GET ${pathAndQuery} → ${response.status} in ${Date.now() - started} ms (client-request-id ${requestId})`),
      );
      return response;
    },
  };
}

/** "Authorization_RequestDenied: Insufficient privileges to complete the operation." from a Graph error body. */
export function graphErrorSummary(body: unknown, redactor: Redactor): string | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return null;
  const code = typeof error.code === 'string' ? error.code : null;
  const message = typeof error.message === 'string' ? error.message.trim().split(/\r?\n/)[0]?.slice(0, 300) : null;
  const text = [code, message].filter((part): part is string => Boolean(part)).join(': ');
  return text === '' ? null : redactor.redact(text);
}
