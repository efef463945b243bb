// The one HTTPS client of the Graph collector (Graph itself and the Entra login host, through msal): trust anchors
// from --ca-file, one time budget per operation, and throttling handled the way Graph asks — wait for Retry-After
// on 429 and 503, never longer than the budget allows. https://learn.microsoft.com/graph/throttling
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { retryAfterMillis } from './retry-after.js';
import { trustContext } from './trust.js';

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface JsonResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body, or null when the body was empty or not JSON (then see bodyProblem). */
  body: unknown;
  /** Why the body is not JSON ("empty", "not valid JSON: Unexpected end of JSON input"); null when it parsed. */
  bodyProblem: string | null;
  /** Retry-After of the last answer when it was 429/503 and waiting would have passed the budget. */
  retryAfterMs: number | null;
  /** How many 429/503 answers were waited out before this one. */
  retries: number;
}

/** The request got no HTTP answer (refused, reset, TLS failure, no answer within the budget). */
export class HttpFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'HttpFailure';
  }
}

export interface HttpBudget {
  /** Epoch milliseconds after which no attempt starts and no answer is awaited. */
  deadline: number;
  /** The --timeout the deadline came from, for messages. */
  timeoutMs: number;
  /** Told about each wait for Retry-After (for --debug). */
  onRetry?: (status: number, waitMs: number, url: string) => void;
}

/** Graph answers larger than this are refused while being read (docs/failure-semantics.md); ours are a few KB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Used when a 429/503 names no Retry-After: Graph's guidance is to back off; one second keeps tests fast. */
const DEFAULT_RETRY_WAIT_MS = 1000;

export function createGraphDispatcher(caPem: string | null): Dispatcher {
  return new Agent({ connect: { secureContext: trustContext(caPem) } });
}

export function budgetFrom(timeoutMs: number, onRetry?: HttpBudget['onRetry']): HttpBudget {
  return { deadline: Date.now() + timeoutMs, timeoutMs, ...(onRetry ? { onRetry } : {}) };
}

export async function sendJson(dispatcher: Dispatcher, req: JsonRequest, budget: HttpBudget): Promise<JsonResponse> {
  for (let retries = 0; ; retries++) {
    const response = await sendOnce(dispatcher, req, budget);
    if (response.status !== 429 && response.status !== 503) return { ...response, retryAfterMs: null, retries };
    const waitMs = retryAfterMillis(response.headers['retry-after']) ?? DEFAULT_RETRY_WAIT_MS;
    // Wait only when an answer can still arrive after the wait; otherwise report the throttling as it is.
    if (Date.now() + waitMs >= budget.deadline) return { ...response, retryAfterMs: waitMs, retries };
    budget.onRetry?.(response.status, waitMs, req.url);
    await sleep(waitMs);
  }
}

async function sendOnce(
  dispatcher: Dispatcher,
  req: JsonRequest,
  budget: HttpBudget,
): Promise<Omit<JsonResponse, 'retryAfterMs' | 'retries'>> {
  const remaining = budget.deadline - Date.now();
  if (remaining <= 0) throw timeoutFailure(budget);
  const signal = AbortSignal.timeout(remaining);
  try {
    const response = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: { accept: 'application/json', ...req.headers },
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal,
    });
    const text = await readText(response.body);
    return { status: response.statusCode, headers: flattenHeaders(response.headers), ...parseJson(text) };
  } catch (error) {
    if (signal.aborted) throw timeoutFailure(budget, error);
    throw networkFailure(error);
  }
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new HttpFailure('EBODYTOOLARGE', `the answer's body was larger than the ${MAX_BODY_BYTES / (1024 * 1024)} MB cap`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { body: unknown; bodyProblem: string | null } {
  if (text.trim() === '') return { body: null, bodyProblem: 'the body was empty' };
  try {
    return { body: JSON.parse(text) as unknown, bodyProblem: null };
  } catch (error) {
    return { body: null, bodyProblem: `the body is not valid JSON (${(error as Error).message}; ${text.length} characters)` };
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function timeoutFailure(budget: HttpBudget, cause?: unknown): HttpFailure {
  return new HttpFailure('ETIMEDOUT', `no answer within the ${budget.timeoutMs} ms budget (--timeout)`, { cause });
}

function networkFailure(error: unknown): HttpFailure {
  if (error instanceof HttpFailure) return error;
  // TLS and socket errors carry their code on the error or on its cause (undici wraps some).
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause) ?? 'ENETWORK';
  const message = error instanceof Error ? error.message : String(error);
  return new HttpFailure(code, message, { cause: error });
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}
