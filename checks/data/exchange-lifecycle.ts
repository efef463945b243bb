// End of support per on-premises Exchange product, with sources. Dates are the last day of support.

import type { OnPremisesProduct } from '../../src/exchange/version.js';
import type { Source } from '../api.js';

export interface ExtendedSecurityUpdates {
  /** Last month ESU builds may ship, YYYY-MM ("May through October 2026"). */
  until: string;
  /** First instant with no ESU coverage at all. */
  endsBefore: string;
  /** The CUs ESU covers, as (minor, build) pairs: 2016 CU23, 2019 CU14 and CU15. */
  eligibleCus: readonly { minor: number; build: number; name: string }[];
  /** Only press summaries of Microsoft's announcement were read, not the announcement itself. */
  secondarySourced: true;
  sources: readonly Source[];
}

export interface ProductLifecycle {
  product: OnPremisesProduct;
  policy: 'fixed' | 'modern';
  /** Last day of extended support (YYYY-MM-DD); null under the Modern Lifecycle Policy (supported while current). */
  endOfSupport: string | null;
  extendedSecurityUpdates: ExtendedSecurityUpdates | null;
  sources: readonly Source[];
}

const healthChecker: Source = {
  title: 'microsoft/CSS-Exchange Get-ExchangeBuildVersionInformation.ps1 (extended support dates used by HealthChecker)',
  url: 'https://github.com/microsoft/CSS-Exchange/blob/01bad118924cbe49c50f6a5233bb04fc6010ddd2/Shared/Get-ExchangeBuildVersionInformation.ps1',
};

const esu2016And2019: ExtendedSecurityUpdates = {
  until: '2026-10',
  endsBefore: '2026-11-01T00:00:00Z',
  eligibleCus: [
    { minor: 1, build: 2507, name: 'Exchange 2016 CU23' },
    { minor: 2, build: 1544, name: 'Exchange 2019 CU14' },
    { minor: 2, build: 1748, name: 'Exchange 2019 CU15' },
  ],
  secondarySourced: true,
  sources: [
    {
      title: 'eightwone.com: Exchange 2016 & 2019 ESU (period 1, to 2026-04-14)',
      url: 'https://eightwone.com/2025/07/16/exchange-2016-2019-esu',
    },
    {
      title: 'Petri: period 2 ESU for Exchange 2016 CU23 / 2019 CU14-CU15, May through October 2026',
      url: 'https://petri.com/?p=775789',
    },
  ],
};

export const exchangeLifecycle: Readonly<Record<OnPremisesProduct, ProductLifecycle>> = {
  'Exchange 2013': {
    product: 'Exchange 2013',
    policy: 'fixed',
    endOfSupport: '2023-04-11',
    extendedSecurityUpdates: null,
    sources: [
      {
        title: 'Exchange Server 2013 lifecycle (Microsoft Learn)',
        url: 'https://learn.microsoft.com/en-us/lifecycle/products/exchange-server-2013',
      },
      healthChecker,
    ],
  },
  'Exchange 2016': {
    product: 'Exchange 2016',
    policy: 'fixed',
    endOfSupport: '2025-10-14',
    extendedSecurityUpdates: esu2016And2019,
    sources: [
      {
        title: 'Exchange Server 2016 lifecycle (Microsoft Learn)',
        url: 'https://learn.microsoft.com/en-us/lifecycle/products/exchange-server-2016',
      },
      healthChecker,
    ],
  },
  'Exchange 2019': {
    product: 'Exchange 2019',
    policy: 'fixed',
    endOfSupport: '2025-10-14',
    extendedSecurityUpdates: esu2016And2019,
    sources: [
      {
        title: 'Exchange Server 2019 lifecycle (Microsoft Learn)',
        url: 'https://learn.microsoft.com/en-us/lifecycle/products/exchange-server-2019',
      },
      healthChecker,
    ],
  },
  'Exchange Server SE': {
    product: 'Exchange Server SE',
    policy: 'modern',
    endOfSupport: null,
    extendedSecurityUpdates: null,
    sources: [
      {
        title: 'Exchange Server Subscription Edition (SE) is now available (Exchange team blog)',
        url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-server-subscription-edition-se-is-now-available/4424924',
      },
      healthChecker,
    ],
  },
};

/** The first instant after the last day of support (support ends at the end of that day). */
export function supportEndsAt(lifecycle: ProductLifecycle): Date | null {
  return lifecycle.endOfSupport === null ? null : new Date(Date.parse(`${lifecycle.endOfSupport}T00:00:00Z`) + 86_400_000);
}
