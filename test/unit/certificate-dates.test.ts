import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysUntil, parseCertificateDate } from '../../checks/lib/certificate-dates.js';

describe('parseCertificateDate', () => {
  it('reads the OpenSSL text form Node reports', () => {
    expect(parseCertificateDate('Mar 12 00:00:00 2025 GMT')?.toISOString()).toBe('2025-03-12T00:00:00.000Z');
    expect(parseCertificateDate('Dec  1 23:59:59 2030 GMT')?.toISOString()).toBe('2030-12-01T23:59:59.000Z');
  });

  it('reads ISO 8601 with a zone', () => {
    expect(parseCertificateDate('2026-01-02T03:04:05Z')?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(parseCertificateDate('2026-01-02T03:04:05+02:00')?.toISOString()).toBe('2026-01-02T01:04:05.000Z');
  });

  it.each(['', 'yesterday', 'Foo 12 00:00:00 2025 GMT', '2026-01-02', '12/03/2025'])('refuses %j rather than guessing', (text) => {
    expect(parseCertificateDate(text)).toBeNull();
  });

  it('round-trips any date through the OpenSSL form', () => {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const pad = (n: number) => String(n).padStart(2, '0');
          const text = `${names[whole.getUTCMonth()]} ${String(whole.getUTCDate()).padStart(2, ' ')} ${pad(whole.getUTCHours())}:${pad(whole.getUTCMinutes())}:${pad(whole.getUTCSeconds())} ${whole.getUTCFullYear()} GMT`;
          expect(parseCertificateDate(text)?.getTime()).toBe(whole.getTime());
        },
      ),
    );
  });
});

describe('daysUntil', () => {
  it('counts whole days, negative in the past', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(daysUntil(new Date('2026-12-07T12:00:00Z'), now)).toBe(10);
    expect(daysUntil(new Date('2026-11-28T11:59:59Z'), now)).toBe(0);
    expect(daysUntil(new Date('2026-11-26T12:00:00Z'), now)).toBe(-1);
  });
});
