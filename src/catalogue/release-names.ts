// Build names as Microsoft writes them ("Exchange 2016 CU23 Nov26SU", "Exchange SE RTM Aug25SU", "Exchange 2013 SP1",
// "Exchange 2019 CU13 (2023H1)") and as the bundled table does ("CU23 Nov26SU", "SP1 (CU4)"): the product, the
// release (CU, RTM, Preview) and the update, so two spellings of one build compare equal. See docs/catalogue.md.
import type { BuildKind } from '../../checks/data/exchange-builds.js';
import type { OnPremisesProduct } from '../exchange/version.js';

export interface ReleaseName {
  /** What follows the product, as written: "CU23 Nov26SU", "SP1", "CU13 (2023H1)". */
  name: string;
  kind: BuildKind;
  /** The cumulative update the build belongs to, one spelling per CU: "CU4" for 2013 SP1, "RTM", "Preview", "CU23". */
  release: string;
  /** "Nov26SU", "Aug23SUv2", "Apr24HU"; null for the CU itself. */
  update: string | null;
}

const PRODUCTS: readonly [RegExp, OnPremisesProduct | 'older'][] = [
  [/^exchange(?: server)? 2013$/i, 'Exchange 2013'],
  [/^exchange(?: server)? 2016$/i, 'Exchange 2016'],
  [/^exchange(?: server)? 2019$/i, 'Exchange 2019'],
  [/^exchange(?: server)? (?:se|subscription edition)$/i, 'Exchange Server SE'],
  [/^exchange(?: server)? (?:2000|2003|2007|2010)$/i, 'older'],
];

// "CU23", "RTM", "Preview", "SP1", optionally "(CU4)" or "(2023H1)", optionally an update "Nov26SU" / "Aug23SUv2".
const RELEASE = /^(Preview|RTM|SP1|CU\d{1,3})(?: \(([A-Za-z0-9 .-]{1,24})\))?(?: ([A-Z][a-z]{2}\d{2}(?:SU|HU)(?:v\d{1,2})?))?$/;

/** "Exchange Server 2016 CU23 Nov26SU" → the product and the rest; null when it names no Exchange product. */
export function splitProduct(text: string): { product: OnPremisesProduct | 'older'; rest: string } | null {
  const words = text.trim().split(/\s+/);
  // The product is the first two words, or three with "Server" ("Exchange Server 2019", "Exchange Server SE").
  for (const length of [3, 2, 4]) {
    const head = words.slice(0, length).join(' ');
    const match = PRODUCTS.find(([pattern]) => pattern.test(head));
    if (match) return { product: match[1], rest: words.slice(length).join(' ') };
  }
  return null;
}

/** "CU23 Nov26SU" → CU23 + Nov26SU; null when the text is not a release name Microsoft uses. */
export function parseReleaseName(product: OnPremisesProduct, text: string): ReleaseName | null {
  const name = text.trim().replace(/\s+/g, ' ');
  const match = RELEASE.exec(name);
  if (!match) return null;
  const [, token, aside, update] = match as unknown as [string, string, string | undefined, string | undefined];
  // Exchange 2013 SP1 is CU4 (the bundled table writes "SP1 (CU4)"); "(CU4)" names the CU, "(2023H1)" only the half-year.
  const release = /^CU\d+$/.test(aside ?? '') ? (aside as string) : product === 'Exchange 2013' && token === 'SP1' ? 'CU4' : token;
  const kind: BuildKind = update ? (update.includes('HU') ? 'HU' : 'SU') : token === 'Preview' ? 'Preview' : token === 'RTM' ? 'RTM' : 'CU';
  return { name, kind, release, update: update ?? null };
}

/** Whether two names denote the same release and update ("SP1" and "SP1 (CU4)"; "CU13" and "CU13 (2023H1)"). */
export function sameRelease(a: ReleaseName, b: ReleaseName): boolean {
  return a.release === b.release && a.update === b.update;
}
