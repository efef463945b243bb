// Turns whatever a socket, TLS, undici or DNS operation threw into the artifact's NetworkFailure:
// a stable code the checks can branch on, and the message for evidence.
import type { NetworkFailure } from '../inventory/artifacts.js';

/** Thrown by our own deadlines, so that every timeout reads the same in the artifacts. */
export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

function codeOf(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  return null;
}

export function toNetworkFailure(error: unknown): NetworkFailure {
  if (error instanceof Error) {
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError (numeric code 23).
    if (error.name === 'TimeoutError') return { code: 'ETIMEDOUT', message: error.message };
    const own = codeOf(error);
    // undici wraps socket errors ("other side closed") in a generic code; the cause is more telling.
    const cause = codeOf((error as { cause?: unknown }).cause);
    const code = own === 'UND_ERR_SOCKET' && cause ? cause : (own ?? cause ?? error.name);
    return { code, message: error.message || code };
  }
  return { code: 'ERROR', message: String(error) };
}
