// End-to-end: the consultant's path through the built binary — import-ems FOLDER -o inventory.json, then
// assess --from-inventory with an HTML audit — and import-ems's one-line errors for folders it cannot use.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPORT_FILE_BYTES } from '../../src/ems/folder.js';
import { Inventory } from '../../src/inventory/inventory.js';
import { Report } from '../../src/report/report.js';
import { writeFabrikamFolder } from '../support/ems-folders.js';
import { assertBuilt, oneLine, runCli as run } from '../support/run-cli.js';

let scratch: string;
let fabrikam: string;

beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-e2e-ems-'));
  fabrikam = join(scratch, 'fabrikam');
  await writeFabrikamFolder(fabrikam);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('import-ems, then assess --from-inventory', () => {
  it('writes the inventory with -o, says in one line what it read, and exits 0', async () => {
    const file = join(scratch, 'inventory.json');
    const result = await run(['import-ems', fabrikam, '-o', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const line = oneLine(result.stderr);
    expect(line).toMatch(/^hybrid-readiness: read 18 export files from .*fabrikam \(/);
    expect(line).toContain('nothing missing that an export can hold');
    expect(line).toContain(`wrote the inventory to ${file}`);
    const inventory = Inventory.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(inventory.settings.mode).toBe('ems');

    const audit = join(scratch, 'audit.html');
    const assessed = await run(['assess', '--from-inventory', file, '--format', 'json', '--output', `html=${audit}`]);
    // DB01 keeps a copy on Exchange 2013: a blocker fails, so the verdict is not ready (exit 1).
    expect(assessed.code).toBe(1);
    const report = Report.parse(JSON.parse(assessed.stdout));
    expect(report.verdict).toBe('not-ready');
    expect(report.provenance.settings['mode']).toBe('ems');
    expect(report.notices.find((notice) => notice.id === 'ems-import')?.text).toContain(
      'They were exported at 2026-11-30T10:15:00.123Z, when collect-ems.ps1 ran',
    );
    expect(report.results.find((result) => result.id === 'mailbox-database-placement')?.status).toBe('fail');
    expect(existsSync(audit)).toBe(true);
  });

  it('--redact leaves no name of the organization in the report, the provenance of the exports included', async () => {
    const file = join(scratch, 'to-redact.json');
    expect((await run(['import-ems', fabrikam, '-o', file, '--quiet'])).code).toBe(0);
    const plain = await run(['assess', '--from-inventory', file, '--format', 'json']);
    expect(plain.stdout).toMatch(/ExSetup\.EX16A\.xml/);
    const assessed = await run(['assess', '--from-inventory', file, '--format', 'json', '--redact']);
    expect(assessed.code).toBe(1);
    expect(assessed.stdout).toContain('"mode": "ems"');
    expect(assessed.stdout).not.toMatch(/fabrikam|EX16A|EX19A|EX2013|DB01|DB02|consultant|alex@/i);
  });

  it('writes the inventory to stdout without -o', async () => {
    const result = await run(['import-ems', fabrikam, '--quiet']);
    expect(result.code).toBe(0);
    expect(Inventory.safeParse(JSON.parse(result.stdout)).success).toBe(true);
    oneLine(result.stderr);
  });

  it('is listed in the help', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toContain('import-ems');
    const own = await run(['import-ems', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('-o, --output <file>');
  });
});

describe('folders import-ems cannot use: exit 2 and one line', () => {
  const expectRefused = async (folder: string, message: RegExp) => {
    const result = await run(['import-ems', folder, '-o', join(scratch, 'never.json')]);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(scratch, 'never.json'))).toBe(false);
  };

  it('a folder that does not exist, or is a file', async () => {
    await expectRefused(join(scratch, 'nowhere'), /^hybrid-readiness: cannot read the folder .*nowhere: no such file$/);
    await writeFile(join(scratch, 'a-file'), 'x');
    await expectRefused(join(scratch, 'a-file'), /cannot read the folder .*a-file: it is not a folder$/);
  });

  it('a folder with no export in it', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    await expectRefused(empty, /no Exchange Management Shell export this tool reads was found in .*empty: the folder is empty/);
    await writeFile(join(empty, 'web.config'), '<configuration/>');
    await expectRefused(empty, /was found in .*empty: web\.config \(not CliXml\); pass the folder collect-ems\.ps1 wrote/);
  });

  it('an export with a DOCTYPE (entity tricks), or one that is cut off', async () => {
    const hostile = join(scratch, 'hostile');
    await writeFabrikamFolder(hostile);
    await writeFile(
      join(hostile, 'Evil.xml'),
      '<?xml version="1.0"?><!DOCTYPE Objs [<!ENTITY x SYSTEM "file:///etc/passwd">]><Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S>&x;</S></Objs>',
    );
    await expectRefused(
      hostile,
      /^hybrid-readiness: Evil\.xml in .* is not a usable Export-Clixml file: it declares a DOCTYPE, which Export-Clixml never writes$/,
    );
    await rm(join(hostile, 'Evil.xml'));
    const whole = await readFile(join(hostile, 'MailboxDatabase.xml'), 'utf8');
    await writeFile(join(hostile, 'MailboxDatabase.xml'), whole.slice(0, Math.floor(whole.length / 2)));
    await expectRefused(hostile, /MailboxDatabase\.xml in .* is not a usable Export-Clixml file: it is not well-formed XML|ends before/);
  });

  it('an export larger than the limit', async () => {
    const huge = join(scratch, 'huge');
    await mkdir(huge);
    const handle = await open(join(huge, 'Huge.xml'), 'w');
    await handle.write('<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">');
    await handle.truncate(MAX_EXPORT_FILE_BYTES + 1);
    await handle.close();
    await expectRefused(huge, /cannot read Huge\.xml in .*: it is 64\.0 MB, over the 64 MB limit for input files$/);
  });
});
