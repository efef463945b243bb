// A command line as a user types it: environment variables first, then the command with one flag per line.
// POSIX shells and PowerShell quote and continue lines differently.

export type Shell = 'posix' | 'powershell';

export interface Invocation {
  /** The program, e.g. "npx hybrid-readiness". */
  program: string;
  args: readonly string[];
  /** Variables to set first; a null value is named but not shown (set by someone else). */
  env: Readonly<Record<string, string | null>>;
}

export function defaultShell(platform: NodeJS.Platform = process.platform): Shell {
  return platform === 'win32' ? 'powershell' : 'posix';
}

/** Words either shell reads as typed; anything else is quoted, so that the common case stays readable. */
const POSIX_BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// PowerShell gives `@` (splatting), `,` (arrays) and `%` meaning in places, so fewer characters go bare there.
const POWERSHELL_BARE = /^[A-Za-z0-9_+=:./-]+$/;
/** PowerShell ends a single-quoted string at any of these, not only at the ASCII apostrophe (U+2018–U+201B). */
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** `value` as one literal word: single-quoted where needed. */
export function quote(value: string, shell: Shell): string {
  if (shell === 'posix') return POSIX_BARE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
  return POWERSHELL_BARE.test(value) ? value : quotePowerShell(value);
}

/**
 * A PowerShell single-quoted string: nothing inside is expanded (`$`, backticks, newlines are literal), and a quote
 * character is written twice. Always used for `$env:` values, which PowerShell reads as an expression: a bare
 * `lab-123` there would run as a command.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(POWERSHELL_SINGLE_QUOTES, (quoteCharacter) => quoteCharacter + quoteCharacter)}'`;
}

/** How to call this tool: `npx hybrid-readiness` from the npm package, the executable's own path from a single executable. */
export function toolProgram(shell: Shell, executable: string | null): string {
  if (executable === null) return 'npx hybrid-readiness';
  const quoted = quote(executable, shell);
  // PowerShell runs a quoted path only through the call operator.
  return shell === 'powershell' && quoted !== executable ? `& ${quoted}` : quoted;
}

/** Flags with their values, one per line: ["--domain x", "--quiet", …]. */
function argumentLines(args: readonly string[], shell: Shell): string[] {
  const lines: string[] = [];
  for (const arg of args) {
    const last = lines.length - 1;
    const previous = last >= 0 ? lines[last]! : null;
    // A value joins the flag before it; a flag, or anything after a complete pair, starts a new line.
    if (previous !== null && !arg.startsWith('--') && previous.startsWith('--') && !previous.includes(' '))
      lines[last] = `${previous} ${quote(arg, shell)}`;
    else lines.push(quote(arg, shell));
  }
  return lines;
}

export function renderInvocation(invocation: Invocation, shell: Shell): string {
  const out: string[] = [];
  for (const [name, value] of Object.entries(invocation.env)) {
    if (value === null) continue;
    out.push(shell === 'posix' ? `export ${name}=${quote(value, shell)}` : `$env:${name} = ${quotePowerShell(value)}`);
  }
  const [command, ...rest] = argumentLines(invocation.args, shell);
  const continuation = shell === 'posix' ? ' \\' : ' `';
  const lines = [`${invocation.program} ${command ?? ''}`.trimEnd(), ...rest.map((line) => `  ${line}`)];
  out.push(lines.map((line, index) => (index < lines.length - 1 ? `${line}${continuation}` : line)).join('\n'));
  return `${out.join('\n')}\n`;
}
