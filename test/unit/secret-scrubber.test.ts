import { describe, expect, it } from 'vitest';
import { SecretScrubber } from '../../src/cli/io.js';

describe('SecretScrubber', () => {
  it('removes every secret, also as it appears inside a JSON string', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('pa"ss\\word-123');
    scrubber.add(null);
    const text = `bind failed for pa"ss\\word-123 ${JSON.stringify({ value: 'pa"ss\\word-123' })}`;
    const scrubbed = scrubber.scrub(text);
    expect(scrubbed).not.toContain('word-123');
    expect(scrubbed).toBe('bind failed for [secret removed] {"value":"[secret removed]"}');
  });

  it('removes each line of a PEM key, so a partial echo is caught', () => {
    const scrubber = new SecretScrubber();
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
    scrubber.add(`-----BEGIN PRIVATE KEY-----\n${body}\nAbCdEfGhIjKlMnOpQrSt\n-----END PRIVATE KEY-----\n`);
    expect(scrubber.scrub(`error near ${body}`)).toBe('error near [secret removed]');
    expect(scrubber.scrub('-----BEGIN PRIVATE KEY-----')).toBe('-----BEGIN PRIVATE KEY-----');
  });

  it('ignores values too short to be a secret rather than mangling ordinary text', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('a');
    expect(scrubber.scrub('a cat')).toBe('a cat');
  });
});
