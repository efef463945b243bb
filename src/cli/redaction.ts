// --redact and --redact-map: pseudonyms in everything written for others (reports, saved inventories), and the
// table back to the real names only in a file of its own, when asked, created readable by its owner only.
import type { Pseudonyms } from '../report/pseudonyms.js';
import type { Channels } from './io.js';
import { invalid, type OptionSources } from './sources.js';

export interface Redaction {
  redact: boolean;
  /** Where to write the pseudonym → name table; null = nowhere. */
  mapFile: string | null;
}

export function resolveRedaction(sources: OptionSources): Redaction {
  const redact = sources.boolean('redact', 'redact') ?? false;
  const map = sources.scalar('redactMap', 'redactMap');
  if (map && !redact) invalid(map.origin, 'needs --redact: without it nothing is replaced, so there is nothing to map');
  return { redact, mapFile: map ? map.value : null };
}

export async function writeRedactionMap(file: string, pseudonyms: Pseudonyms, channels: Channels): Promise<void> {
  const document = {
    note: 'The pseudonyms hybrid-readiness --redact wrote, and the names they stand for. Keep this file inside the organization.',
    pseudonyms: pseudonyms.map,
  };
  await channels.writeFile(file, `${JSON.stringify(document, null, 2)}\n`, 'the redaction map', 0o600);
  channels.progress(`wrote the redaction map to ${file}; keep it inside the organization`);
}
