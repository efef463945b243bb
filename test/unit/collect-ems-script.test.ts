// scripts/collect-ems.ps1 cannot run here (no Exchange, no Windows PowerShell), so it is held to its rules by reading
// it — read-only, no secret, no alias, -ErrorAction on every cmdlet, quoted output paths — and to its output contract:
// every export it names is one import-ems recognises, under the file names the fixture folders use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfCmdlet } from '../../src/ems/export-kinds.js';
import { E19_AS_THE_SCRIPT_WRITES, fabrikamExports } from '../support/ems-folders.js';
import { repoRoot } from '../support/scenario-reports.js';

const script = readFileSync(join(repoRoot, 'scripts', 'collect-ems.ps1'), 'utf8');
// The code without its comment-based help and comments, and with string contents blanked, for token checks.
const code = script
  .replace(/<#[\s\S]*?#>/g, '')
  .split('\n')
  .map((line) => line.replace(/(^|\s)#.*$/, '$1'))
  .join('\n');
const unquoted = code.replace(/'[^']*'/g, "''").replace(/"(?:[^"`]|`.)*"/g, '""');

/** Each `-Source 'X' -FileName 'Y'` the script exports. */
const exports = [...script.matchAll(/-Source '([^']+)' -FileName (?:'([^']+)'|"([^"]+)")/g)].map((match) => ({
  source: match[1]!,
  file: match[2] ?? match[3]!,
}));

/** The command starting at `start`: up to a pipe or `;` outside braces, or the brace that closes its block. */
function commandAt(line: string, start: number): string {
  let depth = 0;
  for (let index = start; index < line.length; index++) {
    const char = line[index];
    if (char === '{') depth++;
    else if (char === '}') {
      if (depth === 0) return line.slice(start, index);
      depth--;
    } else if ((char === '|' || char === ';') && depth === 0) return line.slice(start, index);
  }
  return line.slice(start);
}

describe('collect-ems.ps1 by reading', () => {
  it('reads only: no cmdlet that creates, changes or removes anything but its own output folder', () => {
    const verbs = [...unquoted.matchAll(/\b([A-Z][a-z]+)-[A-Z][A-Za-z]+\b/g)].map((match) => match[0]);
    const writing = verbs.filter(
      (cmdlet) =>
        cmdlet !== 'Set-StrictMode' &&
        /^(Set|Remove|Add|Enable|Disable|Update|Install|Uninstall|Clear|Move|Rename|Start|Stop|Restart|Mount|Dismount|Suspend|Resume)-/.test(
          cmdlet,
        ),
    );
    expect(writing).toEqual([]);
    // New-Object builds .NET readers; the one New-Item makes the output folder.
    expect(new Set(verbs.filter((cmdlet) => cmdlet.startsWith('New-')))).toEqual(new Set(['New-Object', 'New-Item']));
    expect(verbs.filter((cmdlet) => cmdlet === 'New-Item')).toHaveLength(1);
    expect(unquoted).not.toMatch(/Invoke-Expression|\biex\b|Start-Process|Out-File|Set-Content|Add-Content/i);
  });

  it('reads no secret', () => {
    expect(script).not.toMatch(/Get-Credential|SecureString|-Credential|Password|\$cred/i);
  });

  it('uses no aliases', () => {
    const aliases = [
      '%',
      '\\?',
      'gci',
      'gc',
      'ls',
      'dir',
      'cat',
      'select',
      'where',
      'foreach',
      'sort',
      'ft',
      'fl',
      'echo',
      'icm',
      'gcm',
      'ni',
      'gi',
      'cp',
      'mv',
      'rm',
      'measure',
      'iwr',
      'irm',
      'epcsv',
      'sls',
      'tee',
    ];
    // `foreach (…)` is the language keyword; only `foreach {` / `foreach -Process` is the ForEach-Object alias.
    const commandStart = new RegExp(`(?:^|[|;{(])\\s*(${aliases.join('|')})(?=\\s|$)`, 'gm');
    const hits = [...unquoted.matchAll(commandStart)].filter(
      (match) => match[1] !== 'foreach' || /^\s*[{-]/.test(unquoted.slice((match.index ?? 0) + match[0].length)),
    );
    expect(hits.map((match) => match[0].trim())).toEqual([]);
  });

  it('passes -ErrorAction to every cmdlet and function call (directly or in the splatted parameters)', () => {
    const missing: string[] = [];
    for (const [index, line] of unquoted.split('\n').entries()) {
      for (const match of line.matchAll(/(?<![-\w$.])([A-Z][a-z]+-[A-Z][A-Za-z]+)\b/g)) {
        if (line.slice(0, match.index).trimEnd().endsWith('function')) continue;
        const rest = commandAt(line, match.index ?? 0);
        const argumentOfGetCommand = /-Name\s+$/.test(line.slice(0, match.index));
        if (argumentOfGetCommand) continue;
        if (!/-ErrorAction\b|@databaseParameters|@parameters/.test(rest)) missing.push(`line ${index + 1}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(script).toMatch(/\$databaseParameters = @\{[^}]*ErrorAction = 'Stop'/);
    expect(script).toMatch(/\$parameters = @\{ ErrorAction = 'Stop' \}/);
  });

  it('quotes every path it is given or writes', () => {
    const paths = [...code.matchAll(/(?<=\s)-(?:LiteralPath|Path|ChildPath)\s+(\S+)/g)].map((match) => match[1]!);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(path, path).toMatch(/^(["']).*\1$/);
  });

  it('writes UTF-8 with enough depth, and refuses a folder that already holds files', () => {
    for (const call of code.match(/Export-Clixml[^\n]*/g) ?? []) expect(call).toMatch(/-Depth \$ExportDepth -Encoding UTF8/);
    expect(script).toMatch(/is not empty: pass a new or empty folder/);
  });
});

describe("collect-ems.ps1's output contract", () => {
  it('every export it writes is one import-ems recognises', () => {
    expect(exports.length).toBeGreaterThanOrEqual(15);
    expect(exports.filter(({ source }) => kindOfCmdlet(source) === null)).toEqual([]);
    // The virtual directory cmdlets come from a loop over their names.
    for (const cmdlet of [
      'Get-OwaVirtualDirectory',
      'Get-WebServicesVirtualDirectory',
      'Get-AutodiscoverVirtualDirectory',
      'Get-RestVirtualDirectory',
    ]) {
      expect(script).toContain(`'${cmdlet}'`);
      expect(kindOfCmdlet(cmdlet)).toBe('VirtualDirectory');
    }
  });

  it('the fixture folders use exactly its file names', () => {
    const names = new Set([
      ...exports.map(({ file }) => file),
      'OwaVirtualDirectory.xml',
      'WebServicesVirtualDirectory.xml',
      'AutodiscoverVirtualDirectory.xml',
      'RestVirtualDirectory.xml',
    ]);
    const matches = (file: string) =>
      names.has(file) || (/^ExSetup\.[A-Za-z0-9-]+\.xml$/.test(file) && names.has('ExSetup.$($server.Name).xml'));
    for (const file of [...Object.keys(E19_AS_THE_SCRIPT_WRITES), ...Object.keys(fabrikamExports())])
      expect(matches(file), file).toBe(true);
    expect(script).toContain("'manifest.xml'");
  });

  it('ships in the npm package', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('scripts/collect-ems.ps1');
  });
});
