import { describe, expect, it } from 'vitest';
import { retryAfterMillis } from '../../src/clients/retry-after.js';

describe('retryAfterMillis', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMillis('0', now)).toBe(0);
    expect(retryAfterMillis('7', now)).toBe(7000);
    expect(retryAfterMillis(' 30 ', now)).toBe(30_000);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(retryAfterMillis('Wed, 01 May 2024 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMillis('Wed, 01 May 2024 09:59:00 GMT', now)).toBe(0);
  });

  it('gives null for absent or unreadable values', () => {
    expect(retryAfterMillis(undefined, now)).toBeNull();
    expect(retryAfterMillis(null, now)).toBeNull();
    expect(retryAfterMillis('', now)).toBeNull();
    expect(retryAfterMillis('-5', now)).toBeNull();
    expect(retryAfterMillis('1.5', now)).toBeNull();
    expect(retryAfterMillis('soon', now)).toBeNull();
    expect(retryAfterMillis('2024-05-01', now)).toBeNull();
  });
});
