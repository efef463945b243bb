import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate, TOKEN68_PARAM } from '../../src/collectors/https/www-authenticate.js';
import type { AuthChallenge } from '../../src/inventory/artifacts.js';

// The exact challenge of Microsoft's HMA document (docs/facts/http.md §3): commas inside trusted_issuers, then a second header.
const exchangeBearer =
  'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@5de110f8-2e0f-4d45-891d-bcf2218e253d,00000004-0000-0ff1-ce00-000000000000@contoso.com", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.windows.net/common/oauth2/authorize"';

describe('parseWwwAuthenticate', () => {
  it("reads Exchange's Bearer challenge and the Basic one from a repeated header", () => {
    expect(parseWwwAuthenticate([exchangeBearer, 'Basic realm="mail.contoso.com"'])).toEqual([
      {
        scheme: 'Bearer',
        params: {
          client_id: '00000002-0000-0ff1-ce00-000000000000',
          trusted_issuers:
            '00000001-0000-0000-c000-000000000000@5de110f8-2e0f-4d45-891d-bcf2218e253d,00000004-0000-0ff1-ce00-000000000000@contoso.com',
          token_types: 'app_asserted_user_v1 service_asserted_app_v1',
          authorization_uri: 'https://login.windows.net/common/oauth2/authorize',
        },
      },
      { scheme: 'Basic', params: { realm: 'mail.contoso.com' } },
    ]);
  });

  it('splits several challenges in one header line (RFC 7235 §4.1 example)', () => {
    expect(parseWwwAuthenticate(['Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"'])).toEqual([
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ]);
  });

  it('keeps token68 blobs, bare schemes, and lower-cases parameter names', () => {
    expect(parseWwwAuthenticate(['Negotiate', 'NTLM, Negotiate YII+/abc==, Bearer Realm = "x" , ERROR=invalid_token'])).toEqual([
      { scheme: 'Negotiate', params: {} },
      { scheme: 'NTLM', params: {} },
      { scheme: 'Negotiate', params: { [TOKEN68_PARAM]: 'YII+/abc==' } },
      { scheme: 'Bearer', params: { realm: 'x', error: 'invalid_token' } },
    ]);
  });

  it('skips malformed parts instead of throwing', () => {
    expect(parseWwwAuthenticate(['Bearer realm="unterminated, Basic'])).toEqual([
      { scheme: 'Bearer', params: { realm: 'unterminated, Basic' } },
    ]);
    expect(parseWwwAuthenticate([', ,Basic realm=x junk "q,uoted", Bearer'])).toEqual([
      { scheme: 'Basic', params: { realm: 'x' } },
      { scheme: 'Bearer', params: {} },
    ]);
    expect(parseWwwAuthenticate(['', '   '])).toEqual([]);
  });

  it('keeps a hostile "__proto__" parameter as data (found by the round-trip property, seed -297619466)', () => {
    const [challenge] = parseWwwAuthenticate(['0 __proto__="", realm=x']);
    expect(Object.getPrototypeOf(challenge?.params)).toBe(Object.prototype);
    expect(Object.entries(challenge?.params ?? {})).toEqual([
      ['__proto__', ''],
      ['realm', 'x'],
    ]);
  });

  it('keeps the first of a repeated parameter', () => {
    expect(parseWwwAuthenticate(['Bearer error="first", error="second"'])).toEqual([{ scheme: 'Bearer', params: { error: 'first' } }]);
  });
});

// ── Property tests: render random challenges the way servers legitimately may, and read them back. ──

const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
const token68 = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,16}={0,2}$/);
/** Any visible ASCII plus space: quoted strings may hold commas, quotes, backslashes and '='. */
const text = fc.stringMatching(/^[\x20-\x7e]{0,24}$/);
const whitespace = fc.constantFrom('', ' ', '  ', '\t');

type Rendered = { header: string[]; expected: AuthChallenge[] };

const challenge = fc.oneof(
  fc.record({
    scheme: token,
    params: fc.uniqueArray(fc.tuple(token, text, fc.boolean()), { maxLength: 5, selector: ([name]) => name.toLowerCase() }),
  }),
  fc.record({ scheme: token, token68 }),
);

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

const rendered: fc.Arbitrary<Rendered> = fc
  .tuple(
    fc.array(challenge, { minLength: 1, maxLength: 4 }),
    fc.array(whitespace, { minLength: 16, maxLength: 16 }),
    fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  )
  .map(([challenges, spaces, splitAfter]) => {
    const ows = (i: number) => spaces[i % spaces.length]!;
    const parts = challenges.map((c, index) => {
      if ('token68' in c)
        return { text: `${c.scheme} ${c.token68}`, expected: { scheme: c.scheme, params: { [TOKEN68_PARAM]: c.token68 } } };
      const params = c.params.map(([name, value, bare], i) => {
        const isToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value);
        return `${name}${ows(i)}=${ows(i + 1)}${bare && isToken ? value : quote(value)}`;
      });
      const separator = (i: number) => `${ows(i + index)},${ows(i + 2)}`;
      const body = params.reduce((acc, param, i) => (i === 0 ? param : `${acc}${separator(i)}${param}`), '');
      return {
        text: params.length > 0 ? `${c.scheme} ${body}` : c.scheme,
        expected: { scheme: c.scheme, params: Object.fromEntries(c.params.map(([name, value]) => [name.toLowerCase(), value])) },
      };
    });
    // Some challenges share a header line, others get a header of their own (the header repeated).
    const header: string[] = [];
    let line = '';
    parts.forEach((part, i) => {
      line = line === '' ? part.text : `${line},${ows(i)}${part.text}`;
      if (splitAfter[i]) {
        header.push(line);
        line = '';
      }
    });
    if (line !== '') header.push(line);
    return { header, expected: parts.map((part) => part.expected) };
  });

describe('parseWwwAuthenticate (properties)', () => {
  it('reads back every rendered challenge list, however it is spaced and split into headers', () => {
    fc.assert(
      fc.property(rendered, ({ header, expected }) => {
        expect(parseWwwAuthenticate(header)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and only yields token schemes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }), (values) => {
        for (const challenge of parseWwwAuthenticate(values)) expect(challenge.scheme).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});
