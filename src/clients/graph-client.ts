// GET requests to Microsoft Graph v1.0 with a bearer token. Owns the Authorization header (never logged) and turns
// Graph's error body into one short line. https://learn.microsoft.com/graph/errors
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { formatFirstIssue } from '../validation.js';
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
  /** The same, with a 200 answer validated against the documented shape: data, another status, or what was wrong. */
  read<S extends z.ZodType>(pathAndQuery: string, schema: S): Promise<GraphAnswer<z.output<S>>>;
}

/**
 * A Graph answer as the collectors see it. Every 200 is validated (zod) before anything is judged: an answer that
 * is not JSON, truncated, or not of the documented shape is `malformed`, named in one line, never read as a fact.
 */
export type GraphAnswer<T> =
  | { kind: 'data'; value: T; response: JsonResponse }
  | { kind: 'status'; response: JsonResponse }
  | { kind: 'malformed'; problem: string; response: JsonResponse };

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { graphUrl, token, dispatcher, timeoutMs, redactor, debug } = options;
  const onRetry: HttpBudget['onRetry'] = (status, waitMs, url) =>
    debug(`graph: ${status} for ${new URL(url).pathname}, waiting ${waitMs} ms (Retry-After)`);
  const client: GraphClient = {
    graphUrl,
    async read(pathAndQuery, schema) {
      const response = await client.get(pathAndQuery);
      if (response.status !== 200) return { kind: 'status', response };
      if (response.bodyProblem !== null) return { kind: 'malformed', problem: response.bodyProblem, response };
      const parsed = schema.safeParse(response.body);
      if (!parsed.success) return { kind: 'malformed', problem: formatFirstIssue(parsed.error, response.body), response };
      return { kind: 'data', value: parsed.data, response };
    },
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
  return client;
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
