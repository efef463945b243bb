// The lowest builds, per cumulative-update line, that the hybrid requirement set judges against, kept as dated data
// beside the build table (exchange-builds.ts): the build that first supports the dedicated Exchange hybrid
// application, the build Exchange Online's transport enforcement requires for hybrid mail flow, and the build that
// first routes rich coexistence through Microsoft Graph. Facts and their sources: docs/facts/hybrid.md.

import type { OnPremisesProduct } from '../../src/exchange/version.js';
import type { Source } from '../api.js';

export interface CuFloor {
  product: OnPremisesProduct;
  /** The CU line, e.g. "CU23", "RTM". */
  cu: string;
  /** The lowest build of that line that meets the floor, e.g. "15.1.2507.55". */
  build: string;
  /** What that build is called, e.g. "CU23 Apr25HU". */
  name: string;
}

export interface BuildFloor {
  /** What meeting the floor means, for messages: "supports the dedicated Exchange hybrid application". */
  meaning: string;
  /** YYYY-MM(-DD): when the data was last confirmed against its sources. */
  asOf: string;
  /** Only secondary sources (summaries of Microsoft's announcement) were read for what the floor is. */
  secondarySourced: boolean;
  sources: readonly Source[];
  /** One entry per CU line that has a build meeting the floor; a CU line below every entry never meets it. */
  floors: readonly CuFloor[];
}

const cssExchangeBuilds: Source = {
  title: 'microsoft/CSS-Exchange GetExchangeBuildDictionary (Apr25HU, Oct25SU, May26HU builds)',
  url: 'https://github.com/microsoft/CSS-Exchange/blob/f88378b1e7a252e413cb2e579e88411393737c11/Shared/Get-ExchangeBuildVersionInformation.ps1',
};

/** April 2025 hotfix update, or Exchange SE (whose RTM already includes it). Edge servers do not take part. */
export const dedicatedAppFloor: BuildFloor = {
  meaning: 'supports the dedicated Exchange hybrid application (April 2025 hotfix update or later, or Exchange SE)',
  asOf: '2025-04-18',
  secondarySourced: false,
  sources: [
    {
      title: 'Exchange Server Security Changes for Hybrid Deployments (Exchange team blog, 2025-04-18)',
      url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-server-security-changes-for-hybrid-deployments/4396833',
    },
    cssExchangeBuilds,
  ],
  floors: [
    { product: 'Exchange 2016', cu: 'CU23', build: '15.1.2507.55', name: 'CU23 Apr25HU' },
    { product: 'Exchange 2019', cu: 'CU14', build: '15.2.1544.25', name: 'CU14 Apr25HU' },
    { product: 'Exchange 2019', cu: 'CU15', build: '15.2.1748.24', name: 'CU15 Apr25HU' },
    { product: 'Exchange Server SE', cu: 'RTM', build: '15.2.2562.17', name: 'RTM' },
  ],
};

/**
 * Exchange Online's transport-based enforcement: from September 2026 mail from hybrid servers below the October 2025
 * security update is throttled, then blocked. The builds of the October 2025 SU come from Microsoft; that they are
 * the enforced baseline comes only from summaries of Microsoft's announcement (a further raise was announced).
 */
export const transportEnforcementBaseline: BuildFloor = {
  meaning: 'meets the build Exchange Online requires for hybrid mail flow (October 2025 security update)',
  asOf: '2026-09',
  secondarySourced: true,
  sources: [
    {
      title: 'Released: October 2025 Exchange Server Security Updates (Exchange team blog)',
      url: 'https://techcommunity.microsoft.com/blog/exchange/released-october-2025-exchange-server-security-updates/4461276',
    },
    cssExchangeBuilds,
    {
      title: 'CodeTwo: persistently vulnerable Exchange servers, email throttling and blocking (summary of the 2026 enforcement)',
      url: 'https://www.codetwo.com/admins-blog/persistently-vulnerable-exchange-server/',
    },
    {
      title: 'Throttling and Blocking Email from Persistently Vulnerable Exchange Servers to Exchange Online (Exchange team blog)',
      url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/throttling-and-blocking-email-from-persistently-vulnerable/ba-p/3815328',
    },
  ],
  floors: [
    { product: 'Exchange 2016', cu: 'CU23', build: '15.1.2507.61', name: 'CU23 Oct25SU' },
    { product: 'Exchange 2019', cu: 'CU14', build: '15.2.1544.36', name: 'CU14 Oct25SU' },
    { product: 'Exchange 2019', cu: 'CU15', build: '15.2.1748.39', name: 'CU15 Oct25SU' },
    { product: 'Exchange Server SE', cu: 'RTM', build: '15.2.2562.29', name: 'RTM Oct25SU' },
  ],
};

/** The May 2026 hotfix update for SE: the first build that routes rich coexistence through Graph (RouteThroughMSGraph). */
export const graphRoutingFloor: BuildFloor = {
  meaning: 'routes rich coexistence through Microsoft Graph (Exchange SE May 2026 hotfix update or later)',
  asOf: '2026-05-07',
  secondarySourced: false,
  sources: [
    {
      title: 'microsoft/CSS-Exchange ConfigureExchangeHybridApplication.ps1 (Get-ProcessedServerList -MinimumSU May26HU)',
      url: 'https://github.com/microsoft/CSS-Exchange/blob/main/Hybrid/ConfigureExchangeHybridApplication/ConfigureExchangeHybridApplication.ps1',
    },
  ],
  floors: [{ product: 'Exchange Server SE', cu: 'RTM', build: '15.2.2562.41', name: 'RTM May26HU' }],
};
