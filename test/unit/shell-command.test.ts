// The command `lab start` prints must paste into the user's shell as is: POSIX shells and PowerShell quote and
// continue lines differently.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultShell, quote, renderInvocation } from '../../src/cli/shell-command.js';

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

  it('PowerShell on Windows, POSIX elsewhere', () => {
    expect(defaultShell('win32')).toBe('powershell');
    expect(defaultShell('darwin')).toBe('posix');
    expect(defaultShell('linux')).toBe('posix');
  });
});
