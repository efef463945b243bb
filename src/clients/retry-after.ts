// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Graph sends seconds on 429 and 503:
// https://learn.microsoft.com/graph/throttling

/** Milliseconds to wait, or null when the header is absent or unreadable. Never negative. */
export function retryAfterMillis(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date always names a weekday and a time zone; Date.parse alone also accepts bare numbers and junk.
  if (!/^[A-Za-z]{3},\s/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
