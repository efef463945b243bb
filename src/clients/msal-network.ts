// msal-node's network module, replaced by ours so that the login host is reached with the same trust anchors
// (--ca-file), time budget and Retry-After handling as Graph. msal's own client uses global fetch with the
// system roots only, which cannot reach a lab login endpoint signed by a per-run CA.
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { budgetFrom, type HttpBudget, HttpFailure, type JsonRequest, sendJson } from './graph-http.js';

/** The last thing that went wrong below msal (msal itself sometimes reports only a generic code). */
export interface NetworkProblem {
  /** "POST https://login…/token answered HTTP 401" or "GET … failed: ECONNREFUSED: …". */
  summary: string;
  /** First line of an Entra error_description (it starts with the AADSTS code), when the body had one. */
  entraError: string | null;
}

export interface MsalNetworkClient extends INetworkModule {
  readonly lastProblem: NetworkProblem | null;
}

export function createMsalNetworkClient(dispatcher: Dispatcher, timeoutMs: number, onRetry?: HttpBudget['onRetry']): MsalNetworkClient {
  let lastProblem: NetworkProblem | null = null;

  async function send<T>(method: JsonRequest['method'], url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    try {
      const response = await sendJson(
        dispatcher,
        {
          method,
          url,
          ...(options?.headers ? { headers: options.headers } : {}),
          ...(options?.body !== undefined ? { body: options.body } : {}),
        },
        budgetFrom(timeoutMs, onRetry),
      );
      if (response.status >= 400) {
        lastProblem = {
          summary: `${method} ${pathOf(url)} answered HTTP ${response.status}${throttleNote(response.retryAfterMs)}`,
          entraError: entraErrorOf(response.body),
        };
      }
      // msal reads error answers (AADSTS JSON) from the body; an unreadable body becomes an empty object.
      return { status: response.status, headers: response.headers, body: (response.body ?? {}) as T };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      lastProblem = { summary: `${method} ${pathOf(url)} failed: ${error.code}: ${error.message}`, entraError: null };
      // An AuthError passes through msal unchanged, so its message reaches the user.
      throw new AuthError('network_error', lastProblem.summary);
    }
  }

  return {
    get lastProblem() {
      return lastProblem;
    },
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}

/** URLs of the login host carry no secrets, but query strings are left out all the same. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

function entraErrorOf(body: unknown): string | null {
  const description = (body as { error_description?: unknown } | null)?.error_description;
  return typeof description === 'string' ? (description.trim().split(/\r?\n/)[0] ?? null) : null;
}

function throttleNote(retryAfterMs: number | null): string {
  return retryAfterMs === null ? '' : ` (throttled; Retry-After ${Math.ceil(retryAfterMs / 1000)} s is past the --timeout budget)`;
}
