// WWW-Authenticate, RFC 7235 §4.1 / RFC 9110 §11.6.1: a comma-separated list of challenges, each
// `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, where an auth-param is `token BWS "=" BWS ( token /
// quoted-string )`. Commas therefore separate both parameters and challenges, quoted strings may hold commas
// (Exchange's trusted_issuers does), and a server may send several challenges in one header line or repeat
// the header. A comma followed by `name=` continues the current challenge; a comma followed by a bare token
// starts the next one. Malformed input is skipped up to the next comma, never thrown.
import type { AuthChallenge } from '../../inventory/artifacts.js';

/** Where a token68 (e.g. a Negotiate blob) is kept in `params`: not a valid parameter name, so it cannot collide. */
export const TOKEN68_PARAM = '(token68)';

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const TOKEN68_CHAR = /^[A-Za-z0-9\-._~+/]$/;

class Scanner {
  i = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.i >= this.s.length;
  }
  /** The character at the cursor (a method, not a getter, so TypeScript does not narrow it across moves). */
  peek(): string | undefined {
    return this.s[this.i];
  }
  skipWhitespace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  token(): string {
    const start = this.i;
    while (!this.done && TCHAR.test(this.peek()!)) this.i++;
    return this.s.slice(start, this.i);
  }
  /** At a '"': the unescaped content. An unterminated string takes the rest of the input. */
  quoted(): string {
    this.i++;
    let value = '';
    while (!this.done) {
      const c = this.peek()!;
      if (c === '\\' && this.i + 1 < this.s.length) {
        value += this.s[this.i + 1];
        this.i += 2;
      } else if (c === '"') {
        this.i++;
        return value;
      } else {
        value += c;
        this.i++;
      }
    }
    return value;
  }
  token68(): string {
    const start = this.i;
    while (!this.done && TOKEN68_CHAR.test(this.peek()!)) this.i++;
    if (this.i === start) return '';
    while (this.peek() === '=') this.i++;
    return this.s.slice(start, this.i);
  }
  /** Recovery: move to the next comma that is not inside a quoted string. */
  skipToComma(): void {
    while (!this.done && this.peek() !== ',') {
      if (this.peek() === '"') this.quoted();
      else this.i++;
    }
  }
  /**
   * `name BWS = BWS value` at the cursor, or null with the cursor unmoved. With `needsValue`, "name=" followed by
   * nothing is not a parameter (so "abc=" after a scheme reads as a token68).
   */
  param(needsValue: boolean): [string, string] | null {
    const start = this.i;
    const name = this.token();
    if (name) {
      this.skipWhitespace();
      if (this.peek() === '=') {
        this.i++;
        this.skipWhitespace();
        if (this.peek() === '"') return [name, this.quoted()];
        const value = this.token();
        if (value || !needsValue) return [name, value];
      }
    }
    this.i = start;
    return null;
  }
}

function addParam(challenge: AuthChallenge, [name, value]: [string, string]): void {
  const key = name.toLowerCase();
  // "Each parameter name MUST only occur once per challenge": keep the first.
  // defineProperty, not assignment: a hostile server's `__proto__=` parameter must be kept as data, not set the prototype.
  if (!Object.hasOwn(challenge.params, key))
    Object.defineProperty(challenge.params, key, { value, enumerable: true, writable: true, configurable: true });
}

function parseOne(header: string): AuthChallenge[] {
  const scanner = new Scanner(header);
  const challenges: AuthChallenge[] = [];
  for (;;) {
    while (scanner.peek() === ',' || scanner.peek() === ' ' || scanner.peek() === '\t') scanner.i++;
    if (scanner.done) break;
    const scheme = scanner.token();
    if (!scheme) {
      scanner.skipToComma();
      continue;
    }
    const challenge: AuthChallenge = { scheme, params: {} };
    challenges.push(challenge);
    if (scanner.peek() === ' ' || scanner.peek() === '\t') {
      scanner.skipWhitespace();
      const first = scanner.param(true);
      if (first) addParam(challenge, first);
      else if (!scanner.done && scanner.peek() !== ',') {
        const token68 = scanner.token68();
        if (token68) challenge.params[TOKEN68_PARAM] = token68;
        else scanner.skipToComma();
      }
    } else if (!scanner.done && scanner.peek() !== ',') {
      scanner.skipToComma();
    }
    // Further parameters of this challenge follow commas; a comma before a bare token ends it.
    for (;;) {
      scanner.skipWhitespace();
      if (scanner.done) break;
      if (scanner.peek() !== ',') {
        scanner.skipToComma();
        continue;
      }
      while (scanner.peek() === ',' || scanner.peek() === ' ' || scanner.peek() === '\t') scanner.i++;
      if (scanner.done) break;
      const next = scanner.param(false);
      if (!next) break;
      addParam(challenge, next);
    }
  }
  return challenges;
}

/** Every challenge of every WWW-Authenticate header value, in order. */
export function parseWwwAuthenticate(values: readonly string[]): AuthChallenge[] {
  return values.flatMap(parseOne);
}
