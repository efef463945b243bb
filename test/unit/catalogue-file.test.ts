// The catalogue file read as hostile input, where the user catalogue lives on each platform, and which build list
// an assessment uses: the newer of the bundled table and the user catalogue (or the --build-catalog file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { CATALOGUE_FORMAT, type CatalogueFile, MAX_CATALOGUE_BYTES, readCatalogueFile } from '../../src/catalogue/catalogue-file.js';
import { chooseBuildCatalogue } from '../../src/catalogue/choose.js';
import { configDirectory, userCataloguePath } from '../../src/catalogue/config-dir.js';
import { CatalogueError } from '../../src/errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'catalogue-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function catalogueOf(rows: CatalogueFile['rows']): CatalogueFile {
  return {
    format: CATALOGUE_FORMAT,
    formatVersion: 1,
    writtenBy: 'hybrid-readiness 0.1.0',
    source: {
      readFrom: 'https://example.test/ExchangeBuildNumbers.csv',
      fetchedAt: '2026-12-01T08:00:00.000Z',
      sha256: 'a'.repeat(64),
      bytes: 100,
    },
    counts: { fromList: rows.length, keptFromBundled: 0 },
    rows,
  };
}

const newer = catalogueOf([
  ...bundledBuildCatalogue.entries.map((entry) => ({ ...entry })),
  { build: '15.2.2562.61', product: 'Exchange Server SE', name: 'RTM Nov26SU', kind: 'SU', released: '2026-11-10' },
]);
const older = catalogueOf([{ build: '15.1.2507.6', product: 'Exchange 2016', name: 'CU23', kind: 'CU', released: '2022-04-20' }]);

let files = 0;
function fileWith(content: unknown): string {
  const path = join(scratch, `catalogue-${files++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function folderWith(content: unknown | null): string {
  const folder = mkdtempSync(join(scratch, 'config-'));
  if (content !== null)
    writeFileSync(join(folder, 'exchange-builds.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return folder;
}

describe('reading a catalogue file', () => {
  it('gives a catalogue with the provenance it was chosen by, and its newest release date as its as-of date', async () => {
    const catalogue = await readCatalogueFile(fileWith(newer), 'file', 'mine.json');
    expect(catalogue.asOf).toBe('2026-11-10');
    expect(catalogue.provenance).toEqual({
      origin: 'file',
      file: 'mine.json',
      readFrom: 'https://example.test/ExchangeBuildNumbers.csv',
      fetchedAt: '2026-12-01T08:00:00.000Z',
      sha256: 'a'.repeat(64),
    });
    expect(catalogue.find('15.2.2562.61')?.name).toBe('RTM Nov26SU');
  });

  const row = newer.rows[0]!;
  it.each([
    ['not JSON', '{"format":', /is not valid JSON/],
    ['another format', { ...newer, format: 'something else' }, /format/],
    [
      'a build in the wrong product',
      { ...newer, rows: [{ ...row, build: '15.2.2507.6', product: 'Exchange 2016' }] },
      /does not belong to that product/,
    ],
    ['a name with a control character', { ...newer, rows: [{ ...row, name: 'CU23\u001b[2J' }] }, /short printable name/],
    ['a three-part build', { ...newer, rows: [{ ...row, build: '15.1.2507' }] }, /four-part build/],
    ['a build listed twice', { ...newer, rows: [row, row] }, /lists 15\.0\.516\.32 twice/],
    ['an unknown key', { ...newer, extra: true }, /extra/],
    ['no rows', { ...newer, rows: [] }, /rows/],
  ])('refuses %s in one line', async (_what, content, reason) => {
    const attempt = readCatalogueFile(fileWith(content), 'user', null);
    await expect(attempt).rejects.toBeInstanceOf(CatalogueError);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('refuses a file larger than a catalogue without reading it, and one that is not a file', async () => {
    const huge = join(scratch, 'huge.json');
    writeFileSync(huge, Buffer.alloc(MAX_CATALOGUE_BYTES + 1, 0x20));
    await expect(readCatalogueFile(huge, 'file', 'huge.json')).rejects.toThrow(/more than a catalogue holds/);
    await expect(readCatalogueFile(scratch, 'file', scratch)).rejects.toThrow(/not a regular file|it is a directory/);
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(scratch, 'catalogue.fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readCatalogueFile(fifo, 'file', fifo)).rejects.toThrow(/not a regular file/);
  });
});

describe('where the user catalogue lives', () => {
  it('follows HYBRID_READINESS_CONFIG_DIR, then %APPDATA% on Windows, then XDG on Linux and macOS', () => {
    expect(configDirectory({ HYBRID_READINESS_CONFIG_DIR: '/srv/ci/hr' }, 'linux')).toBe('/srv/ci/hr');
    expect(configDirectory({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\hybrid-readiness',
    );
    expect(configDirectory({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\hybrid-readiness');
    expect(configDirectory({ XDG_CONFIG_HOME: '/home/ada/.cfg' }, 'linux', '/home/ada')).toBe('/home/ada/.cfg/hybrid-readiness');
    expect(configDirectory({ XDG_CONFIG_HOME: 'relative/ignored' }, 'darwin', '/Users/ada')).toBe('/Users/ada/.config/hybrid-readiness');
    expect(configDirectory({ HOME: '/home/bob' }, 'linux')).toBe('/home/bob/.config/hybrid-readiness');
    expect(userCataloguePath({ APPDATA: 'D:\\Profiles\\ada' }, 'win32')).toBe('D:\\Profiles\\ada\\hybrid-readiness\\exchange-builds.json');
  });
});

describe('choosing the build list', () => {
  const choose = (env: Record<string, string>, file: string | null = null) => chooseBuildCatalogue({ file, env, cwd: scratch });

  it('uses the bundled table when the configuration folder holds no catalogue', async () => {
    const choice = await choose({ HYBRID_READINESS_CONFIG_DIR: folderWith(null) });
    expect(choice.catalogue).toBe(bundledBuildCatalogue);
    expect(choice).toMatchObject({ userCatalogue: { state: 'absent' }, note: null });
  });

  it('uses a user catalogue newer than the bundled table', async () => {
    const choice = await choose({ HYBRID_READINESS_CONFIG_DIR: folderWith(newer) });
    expect(choice.catalogue.provenance.origin).toBe('user');
    expect(choice.catalogue.asOf).toBe('2026-11-10');
    expect(choice).toMatchObject({ userCatalogue: { state: 'used', asOf: '2026-11-10' }, note: null });
  });

  it('passes over an older user catalogue, and says so', async () => {
    const choice = await choose({ HYBRID_READINESS_CONFIG_DIR: folderWith(older) });
    expect(choice.catalogue).toBe(bundledBuildCatalogue);
    expect(choice.userCatalogue).toMatchObject({ state: 'older-than-bundled', asOf: '2022-04-20' });
    expect(choice.note).toMatch(
      /is as of 2022-04-20, older than the bundled build table \(2026-08-11\): the bundled table names the builds$/,
    );
  });

  it('does not stop an assessment over a broken user catalogue it was not asked for, but says so', async () => {
    const choice = await choose({ HYBRID_READINESS_CONFIG_DIR: folderWith('not json') });
    expect(choice.catalogue).toBe(bundledBuildCatalogue);
    expect(choice.userCatalogue?.state).toBe('unreadable');
    expect(choice.note).toMatch(/is not valid JSON.*run `hybrid-readiness catalogue update` to rewrite it/);
  });

  it('reads a --build-catalog file over the configuration folder; a bad one is an error, an older one gives way', async () => {
    const env = { HYBRID_READINESS_CONFIG_DIR: folderWith(newer) };
    const named = await choose(env, fileWith(newer));
    expect(named.catalogue.provenance.origin).toBe('file');
    await expect(choose(env, fileWith('[]'))).rejects.toBeInstanceOf(CatalogueError);
    await expect(choose(env, join(scratch, 'missing.json'))).rejects.toThrow(/no such file/);
    const stale = await choose(env, fileWith(older));
    expect(stale.catalogue).toBe(bundledBuildCatalogue);
    expect(stale.note).toMatch(/^--build-catalog .* is as of 2022-04-20, older than the bundled build table/);
  });
});
