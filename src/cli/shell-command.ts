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

/** Quoted only when needed, so that the common case stays readable. */
export function quote(value: string, shell: Shell): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return shell === 'posix' ? `'${value.replaceAll("'", `'\\''`)}'` : `'${value.replaceAll("'", "''")}'`;
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
    out.push(shell === 'posix' ? `export ${name}=${quote(value, shell)}` : `$env:${name} = ${quote(value, 'powershell')}`);
  }
  const [command, ...rest] = argumentLines(invocation.args, shell);
  const continuation = shell === 'posix' ? ' \\' : ' `';
  const lines = [`${invocation.program} ${command ?? ''}`.trimEnd(), ...rest.map((line) => `  ${line}`)];
  out.push(lines.map((line, index) => (index < lines.length - 1 ? `${line}${continuation}` : line)).join('\n'));
  return `${out.join('\n')}\n`;
}
