// `hybrid-readiness catalogue` and `catalogue update` as text (or JSON for the former): the reference data in use with
// where it came from, and what an update changed. Plain text; control characters from paths or a download never
// reach the terminal: they are made visible, as in every report format.
import type { BuildEntry } from '../../checks/data/exchange-builds.js';
import { buildListText } from '../report/build-list.js';
import { neutraliseControls, neutraliseControlsDeep } from '../reporters/escape.js';
import { wrap } from '../reporters/text.js';
import type { ReferenceData } from './reference-data.js';
import type { UpdateResult } from './update.js';

export function renderReferenceJson(data: ReferenceData): string {
  return `${JSON.stringify(neutraliseControlsDeep(data), null, 2)}\n`;
}

export function renderReferenceText(data: ReferenceData, width = 100, today = new Date().toISOString().slice(0, 10)): string {
  const list = data.buildList;
  const out: string[] = [`${data.tool.name} ${data.tool.version}: the reference data the checks rest on`, ''];
  const field = (label: string, text: string) => out.push(...wrap(text, width, ' '.repeat(22), `  ${label.padEnd(20)}`));
  const sources = (links: readonly { title: string; url: string }[]) => {
    for (const link of links) out.push(...wrap(`- ${link.title}: ${link.url}`, width, '      ', '    '));
  };

  out.push(`Check catalogue       ${data.checkCatalogue.version} (${data.checkCatalogue.checks} checks)`, '', 'Exchange build list');
  field('in use', buildListText(list));
  field('loaded from', list.loadedFrom ?? 'bundled with this release');
  for (const [index, entry] of list.newest.entries()) {
    field(
      index === 0 ? 'newest builds' : '',
      `${entry.product} ${entry.build} ${entry.name}${entry.released ? ` (${entry.released})` : ''}`,
    );
  }
  field('bundled table', `as of ${list.bundled.asOf ?? 'an unknown date'} (${list.bundled.builds} builds), from:`);
  sources(list.bundled.sources);
  if (list.userCatalogue) field('user catalogue', userCatalogueText(list.userCatalogue));
  field('update with', `hybrid-readiness catalogue update (fetches ${list.updateFrom})`);

  out.push('', 'Product lifecycle');
  for (const product of data.lifecycle) {
    const end =
      product.endOfSupport === null
        ? 'Modern Lifecycle Policy: supported while kept current'
        : `support ${product.endOfSupport < today ? 'ended' : 'ends'} ${product.endOfSupport}`;
    field(product.product, `${end}${product.esuUntil ? `; paid extended security updates through ${product.esuUntil}` : ''}`);
  }
  sources(uniqueSources(data.lifecycle.flatMap((product) => product.sources)));

  out.push('', `Special-purpose address registries (IANA), as of ${data.addressRegistries.asOf}`);
  sources(data.addressRegistries.sources);

  out.push('', 'Exchange Online transport enforcement floor');
  if (data.transportFloor) {
    field('as of', data.transportFloor.asOf);
    for (const floor of data.transportFloor.floors) field(floor.product, `${floor.build} (${floor.name})`);
    sources(data.transportFloor.sources);
  } else field('', 'not part of this build (the hybrid requirement set brings it)');
  return `${neutraliseControls(out.join('\n'))}\n`;
}

export function renderUpdateText(result: UpdateResult): string {
  const { file, merged, list, changes } = result;
  // One line per fact, unwrapped: CI logs and scripts read these.
  const out: string[] = [];
  const line = (text: string) => out.push(text);
  const asOf =
    [...file.rows]
      .map((row) => row.released ?? '')
      .sort()
      .at(-1) || 'an unknown date';
  line(
    `Read ${file.source.readFrom} (${file.source.bytes} bytes, sha256 ${file.source.sha256}): ${merged.fromList} Exchange 2013–SE builds` +
      `${list.olderRows > 0 ? `, ${list.olderRows} rows of older products set aside` : ''}${list.duplicateRows > 0 ? `, ${list.duplicateRows} repeated rows` : ''}.`,
  );
  line(
    `Wrote ${result.path}: ${file.rows.length} builds, as of ${asOf}` +
      `${merged.keptFromBundled.length > 0 ? `; ${merged.keptFromBundled.length} of them are bundled builds the list lacks, kept` : ''}.`,
  );
  const against = result.comparedWith;
  if (changes.added.length === 0 && changes.renamed.length === 0 && changes.dropped.length === 0) line(`No change against the ${against}.`);
  for (const [product, added] of byProduct(changes.added)) {
    const newest = added.at(-1) as BuildEntry;
    line(
      `New against the ${against}: ${product}: ${added.length} build${added.length > 1 ? 's' : ''}, newest ${newest.build} ${newest.name}${newest.released ? ` (${newest.released})` : ''}.`,
    );
  }
  for (const rename of changes.renamed) line(`Renamed: ${rename.product} ${rename.build} was ${rename.from}, is now ${rename.to}.`);
  if (changes.dropped.length > 0) {
    line(
      `No longer listed (the ${against} had them): ${changes.dropped.map((entry) => `${entry.product} ${entry.build} ${entry.name}`).join(', ')}.`,
    );
  }
  return `${neutraliseControls(out.join('\n'))}\n`;
}

function userCatalogueText(user: NonNullable<ReferenceData['buildList']['userCatalogue']>): string {
  switch (user.state) {
    case 'used':
      return `${user.path} (in use)`;
    case 'absent':
      return `none at ${user.path}`;
    case 'older-than-bundled':
      return `${user.path} is as of ${user.asOf ?? 'an unknown date'}, older than the bundled table: not used`;
    case 'unreadable':
      return `${user.path} cannot be used: ${user.problem ?? 'unreadable'}`;
  }
}

function byProduct(entries: readonly BuildEntry[]): Map<string, BuildEntry[]> {
  const groups = new Map<string, BuildEntry[]>();
  for (const entry of entries) groups.set(entry.product, [...(groups.get(entry.product) ?? []), entry]);
  return groups;
}

function uniqueSources(links: readonly { title: string; url: string }[]): { title: string; url: string }[] {
  return [...new Map(links.map((link) => [link.url, link])).values()];
}
