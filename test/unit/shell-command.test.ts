// The command `lab start` prints must paste into the user's shell as is: POSIX shells and PowerShell quote and
// continue lines differently.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultShell, quote, quotePowerShell, renderInvocation, toolProgram } from '../../src/cli/shell-command.js';

/**
 * PowerShell's reading of one single-quoted string, as the language specification (§2.3.5.2, verbatim string
 * literals) and its tokenizer define it: the string opens and closes with any single-quote character (', U+2018,
 * U+2019, U+201A, U+201B); inside, two single-quote characters in a row stand for the second one, and nothing else
 * (no `$`, backtick or newline) has any meaning. Returns the value and where the string ended.
 */
function readPowerShellSingleQuoted(text: string): { value: string; end: number } {
  const isQuote = (character: string | undefined) => character !== undefined && /['\u2018\u2019\u201A\u201B]/.test(character);
  if (!isQuote(text[0])) throw new Error(`not a single-quoted string: ${text}`);
  let value = '';
  for (let index = 1; index < text.length; index++) {
    const character = text[index] as string;
    if (isQuote(character)) {
      if (!isQuote(text[index + 1])) return { value, end: index + 1 };
      value += text[index + 1];
      index++;
    } else value += character;
  }
  throw new Error(`unterminated string: ${text}`);
}

/** Characters that PowerShell treats specially somewhere, and the single-quote look-alikes. */
const HOSTILE = [
  "'",
  '\u2018',
  '\u2019',
  '\u201A',
  '\u201B',
  '"',
  '\u201C',
  '\u201D',
  '$',
  '`',
  '\n',
  '\r',
  ' ',
  ';',
  '|',
  '&',
  '(',
  ')',
  '{',
  '}',
  '@',
  ',',
  '#',
  '%',
  '<',
  '>',
  '\u2013',
  '\u2014',
];

const invocation = {
  program: 'npx hybrid-readiness',
  args: [
    'assess',
    '--domain',
    'contoso.test',
    '--bind-dn',
    "CN=O'Brien, Pat,OU=Service Accounts,DC=corp",
    '--global-catalog',
    '--ca-file',
    '/tmp/lab dir/ca.pem',
  ],
  env: { LAB_BIND_PASSWORD: "pa ss'word$HOME", LAB_SHOWN_ELSEWHERE: null },
};

describe('renderInvocation', () => {
  it('POSIX: export lines, one flag with its value per line, backslash continuations, single quotes only where needed', () => {
    expect(renderInvocation(invocation, 'posix')).toBe(
      [
        "export LAB_BIND_PASSWORD='pa ss'\\''word$HOME'",
        'npx hybrid-readiness assess \\',
        '  --domain contoso.test \\',
        "  --bind-dn 'CN=O'\\''Brien, Pat,OU=Service Accounts,DC=corp' \\",
        '  --global-catalog \\',
        "  --ca-file '/tmp/lab dir/ca.pem'",
        '',
      ].join('\n'),
    );
  });

  it('POSIX: sh reads back exactly the values that were quoted', () => {
    const values = ["pa ss'word$HOME", 'CN=a\\,b', '*', 'a"b`c'];
    for (const value of values) expect(execFileSync('sh', ['-c', `printf %s ${quote(value, 'posix')}`], { encoding: 'utf8' })).toBe(value);
  });

  it('PowerShell: $env: assignments, doubled single quotes, backtick continuations', () => {
    expect(renderInvocation(invocation, 'powershell')).toBe(
      [
        "$env:LAB_BIND_PASSWORD = 'pa ss''word$HOME'",
        'npx hybrid-readiness assess `',
        '  --domain contoso.test `',
        "  --bind-dn 'CN=O''Brien, Pat,OU=Service Accounts,DC=corp' `",
        '  --global-catalog `',
        "  --ca-file '/tmp/lab dir/ca.pem'",
        '',
      ].join('\n'),
    );
  });

  it('PowerShell: every $env: value is quoted, however plain (a bare lab-123 would run as a command)', () => {
    const lab = { program: 'npx hybrid-readiness', args: ['assess'], env: { LAB_BIND_PASSWORD: 'lab-3f9c2a', LAB_CLIENT_SECRET: 'x' } };
    expect(renderInvocation(lab, 'powershell')).toBe(
      ["$env:LAB_BIND_PASSWORD = 'lab-3f9c2a'", "$env:LAB_CLIENT_SECRET = 'x'", 'npx hybrid-readiness assess', ''].join('\n'),
    );
  });

  it('PowerShell: hostile values come back exactly, and the string ends where the quoting ends', () => {
    const cases = [
      "O'Brien",
      'it\u2019s',
      '\u2018left\u2019 and \u201Alow\u201B',
      "''''",
      '$env:PATH',
      '$(Remove-Item -Recurse C:\\)',
      '`whoami`',
      'line one\nline two\r\n',
      "'; Remove-Item C:\\ -Recurse; '",
      '@splat',
      'a,b',
      '#comment',
      '\u2014flag',
    ];
    for (const value of cases) {
      for (const quoted of [quotePowerShell(value), quote(value, 'powershell')]) {
        expect(readPowerShellSingleQuoted(quoted)).toEqual({ value, end: quoted.length });
      }
    }
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string()), { maxLength: 12 }), (parts) => {
        const value = parts.join('');
        const quoted = quotePowerShell(value);
        expect(readPowerShellSingleQuoted(quoted)).toEqual({ value, end: quoted.length });
      }),
      { numRuns: 500 },
    );
  });

  it('PowerShell: only plain words go bare; a word with any special character is quoted', () => {
    for (const plain of ['contoso.test', '--domain', '127.0.0.0/25', 'https://127.0.0.20:4443/', 'a=b'])
      expect(quote(plain, 'powershell')).toBe(plain);
    for (const special of HOSTILE) expect(quote(`a${special}b`, 'powershell').startsWith("'")).toBe(true);
  });

  it('the program: npx from the package; a single executable by its path (PowerShell calls a quoted path with &)', () => {
    expect(toolProgram('posix', null)).toBe('npx hybrid-readiness');
    expect(toolProgram('posix', '/opt/hr/hybrid-readiness')).toBe('/opt/hr/hybrid-readiness');
    expect(toolProgram('posix', '/opt/my tools/hybrid-readiness')).toBe("'/opt/my tools/hybrid-readiness'");
    expect(toolProgram('powershell', 'C:\\Tools\\hybrid-readiness.exe')).toBe("& 'C:\\Tools\\hybrid-readiness.exe'");
  });

  it('PowerShell on Windows, POSIX elsewhere', () => {
    expect(defaultShell('win32')).toBe('powershell');
    expect(defaultShell('darwin')).toBe('posix');
    expect(defaultShell('linux')).toBe('posix');
  });
});
