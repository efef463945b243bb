// Certificate validity dates as collectors record them: Node's getPeerCertificate() text
// ("Mar 12 00:00:00 2025 GMT", OpenSSL's format) or ISO 8601. Parsed explicitly, not by Date.parse's guesswork.

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseCertificateDate(text: string): Date | null {
  const openssl = /^([A-Za-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)? (\d{4}) GMT$/.exec(text.trim());
  if (openssl) {
    const [, month, day, hours, minutes, seconds, year] = openssl;
    const monthIndex = months.indexOf(month!.toLowerCase());
    if (monthIndex < 0) return null;
    return new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds)));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) {
    const date = new Date(text.trim());
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `now` until `date` (negative when past). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}
