// What `hybrid-readiness catalogue` shows: the dated reference data the checks rest on, each with its sources and
// where it was loaded from — the check catalogue version, the Exchange build list (bundled or a user catalogue),
// the product lifecycle, the special-purpose address registries, and the transport enforcement floor.
import { buildTableSources } from '../../checks/data/exchange-builds.js';
import { exchangeLifecycle } from '../../checks/data/exchange-lifecycle.js';
import { bundledBuildCatalogue } from '../../checks/lib/build-catalogue.js';
import { specialPurposeRegistries } from '../net/special-purpose-addresses.js';
import { type BuildListProvenance, buildListOf, MICROSOFT_BUILD_LIST_URL } from '../report/build-list.js';
import { CATALOGUE_VERSION, TOOL_VERSION } from '../version.js';
import type { CatalogueChoice } from './choose.js';

interface SourceLink {
  title: string;
  url: string;
}

export interface ReferenceData {
  tool: { name: 'hybrid-readiness'; version: string };
  checkCatalogue: { version: string; checks: number };
  buildList: BuildListProvenance & {
    /** The file it was read from; null for the bundled table. */
    loadedFrom: string | null;
    newest: { product: string; build: string; name: string; released: string | null }[];
    bundled: { asOf: string | null; builds: number; sources: SourceLink[] };
    userCatalogue: CatalogueChoice['userCatalogue'];
    updateFrom: string;
  };
  lifecycle: { product: string; policy: string; endOfSupport: string | null; esuUntil: string | null; sources: SourceLink[] }[];
  addressRegistries: { asOf: string; sources: SourceLink[] };
  /** The hybrid requirement set's dated Exchange Online transport floor; null until that table is part of the build. */
  transportFloor: TransportFloor | null;
}

export interface TransportFloor {
  asOf: string;
  floors: { product: string; build: string; name: string }[];
  sources: SourceLink[];
}

/**
 * Hook for the `hybrid` requirement set's transport enforcement baseline (a dated table beside the build table in
 * checks/data/): when it is part of the build, return it here and `catalogue` shows it with its sources.
 */
export const transportEnforcementFloor: TransportFloor | null = null;

export function referenceData(choice: CatalogueChoice, checkCount: number): ReferenceData {
  const catalogue = choice.catalogue;
  const newest = new Map<string, ReferenceData['buildList']['newest'][number]>();
  for (const entry of catalogue.entries)
    newest.set(entry.product, { product: entry.product, build: entry.build, name: entry.name, released: entry.released });
  return {
    tool: { name: 'hybrid-readiness', version: TOOL_VERSION },
    checkCatalogue: { version: CATALOGUE_VERSION, checks: checkCount },
    buildList: {
      ...buildListOf(catalogue),
      loadedFrom: catalogue.provenance.origin === 'bundled' ? null : (catalogue.provenance.file ?? choice.userCatalogue?.path ?? null),
      newest: [...newest.values()],
      bundled: {
        asOf: bundledBuildCatalogue.asOf,
        builds: bundledBuildCatalogue.entries.length,
        sources: buildTableSources.map((s) => ({ ...s })),
      },
      userCatalogue: choice.userCatalogue,
      updateFrom: MICROSOFT_BUILD_LIST_URL,
    },
    lifecycle: Object.values(exchangeLifecycle).map((product) => ({
      product: product.product,
      policy: product.policy,
      endOfSupport: product.endOfSupport,
      esuUntil: product.extendedSecurityUpdates?.until ?? null,
      sources: [...product.sources, ...(product.extendedSecurityUpdates?.sources ?? [])].map((s) => ({ ...s })),
    })),
    addressRegistries: { asOf: specialPurposeRegistries.asOf, sources: specialPurposeRegistries.sources.map((s) => ({ ...s })) },
    transportFloor: transportEnforcementFloor,
  };
}
