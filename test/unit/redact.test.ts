import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/clients/redact.js';

describe('Redactor', () => {
  it('removes known secrets, also in their URL-encoded form', () => {
    const secret = 'Ab1~x.y_z+/=Secret';
    const redactor = new Redactor([secret]);
    expect(redactor.redact(`secret ${secret} and ${encodeURIComponent(secret)}`)).toBe('secret [redacted] and [redacted]');
  });

  it('removes token-shaped values it was not told about', () => {
    const redactor = new Redactor();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJyb2xlcyI6WyJ4Il19.c2lnbmF0dXJl';
    expect(redactor.redact(`token ${jwt} end`)).toBe('token [redacted] end');
    expect(redactor.redact('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [redacted]');
    expect(redactor.redact('grant_type=client_credentials&client_secret=hunter2hunter2&scope=x')).toBe('grant_type=client_credentials&client_secret=[redacted]&scope=x');
    expect(redactor.redact('{"access_token":"opaque-token-value","x":1}')).toBe('{"access_token":"[redacted]","x":1}');
    expect(redactor.redact('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n')).toBe('[redacted]\n');
  });

  it('leaves ordinary text alone and ignores trivially short secrets', () => {
    const redactor = new Redactor(['ab', null, undefined, '']);
    expect(redactor.redact('Graph answered 403 (Authorization_RequestDenied) for contoso.test')).toBe('Graph answered 403 (Authorization_RequestDenied) for contoso.test');
  });

  it('never lets a registered secret through, wherever it sits in a message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string(), fc.string(), (secret, before, after) => {
        fc.pre(secret.trim().length >= 4);
        const redacted = new Redactor([secret]).redact(`${before}${secret}${after}`);
        // The text around the secret could spell it again only if it contained it; check the original placement is gone.
        expect(redacted).toContain('[redacted]');
        if (!before.includes(secret) && !after.includes(secret) && !'[redacted]'.includes(secret)) expect(redacted).not.toContain(secret);
      }),
    );
  });
});
