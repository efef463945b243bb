// Secrets never leave memory: every message that might echo a server's answer or a library's error passes
// through here before it reaches an error, an inventory, a report or a debug line.

const REDACTED = '[redacted]';
/** A compact JWS/JWT: three base64url parts, the first two starting with `eyJ` ({"). */
const jwtPattern = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;
const bearerPattern = /\b(Bearer\s+)[\w.~+/=-]{8,}/gi;
const formSecretPattern = /\b(client_secret|client_assertion|access_token|refresh_token|assertion)=[^&\s"']+/gi;
const jsonSecretPattern = /("(?:client_secret|client_assertion|access_token|refresh_token)"\s*:\s*")[^"]*"/gi;
const pemKeyPattern = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | null | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Remember one more secret value (a token once it is acquired). Very short values are ignored. */
  add(secret: string | null | undefined): void {
    if (!secret || secret.trim().length < 4) return;
    this.#secrets.add(secret);
    const trimmed = secret.trim();
    if (trimmed !== secret) this.#secrets.add(trimmed);
    // Form and URL encodings of the same value, as a token request body would carry it.
    this.#secrets.add(encodeURIComponent(trimmed));
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join(REDACTED);
    return result
      .replace(pemKeyPattern, REDACTED)
      .replace(jwtPattern, REDACTED)
      .replace(bearerPattern, `$1${REDACTED}`)
      .replace(formSecretPattern, `$1=${REDACTED}`)
      .replace(jsonSecretPattern, `$1${REDACTED}"`);
  }
}
