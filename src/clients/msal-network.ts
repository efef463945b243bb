// msal-node's network module, replaced by ours so that the login host is reached with the same trust anchors
// (--ca-file), time budget and Retry-After handling as Graph. msal's own client uses global fetch with the
// system roots only, which cannot reach a lab login endpoint signed by a per-run CA.
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { budgetFrom, HttpFailure, sendJson, type HttpBudget, type JsonRequest } from './graph-http.js';

export interface MsalNetworkClient extends INetworkModule {
  /** The last thing that went wrong below msal (msal itself sometimes reports only a generic code). */
  readonly lastProblem: string | null;
}

export function createMsalNetworkClient(
  dispatcher: Dispatcher,
  timeoutMs: number,
  onRetry?: HttpBudget['onRetry'],
): MsalNetworkClient {
  let lastProblem: string | null = null;

  async function send<T>(method: JsonRequest['method'], url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    try {
      const response = await sendJson(
        dispatcher,
        { method, url, ...(options?.headers ? { headers: options.headers } : {}), ...(options?.body !== undefined ? { body: options.body } : {}) },
        budgetFrom(timeoutMs, onRetry),
      );
      if (response.status >= 400) lastProblem = `${method} ${pathOf(url)} answered HTTP ${response.status}${throttleNote(response.retryAfterMs)}`;
      // msal reads error answers (AADSTS JSON) from the body; an unreadable body becomes an empty object.
      return { status: response.status, headers: response.headers, body: (response.body ?? {}) as T };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      lastProblem = `${method} ${pathOf(url)} failed: ${error.code}: ${error.message}`;
      // An AuthError passes through msal unchanged, so its message reaches the user.
      throw new AuthError('network_error', lastProblem);
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

function throttleNote(retryAfterMs: number | null): string {
  return retryAfterMs === null ? '' : ` (throttled; Retry-After ${Math.ceil(retryAfterMs / 1000)} s is past the --timeout budget)`;
}
