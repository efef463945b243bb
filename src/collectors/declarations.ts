// The declarations "collector": what the admin declared in the config file rather than what the network
// says — the Graph calls the application makes (`apis:`) and the load-balancer pools (`pools:`).
// It touches no network. Nothing declared is a fact too (an empty list): the checks decide what it means.
import type { Collector } from './collector.js';

export const declarationsCollector: Collector<'DeclaredApis' | 'DeclaredPools'> = {
  name: 'config',
  produces: ['DeclaredApis', 'DeclaredPools'],
  async collect(wanted, { options }) {
    return {
      artifacts: {
        ...(wanted.includes('DeclaredApis') ? { DeclaredApis: { calls: (options.apis ?? []).map((call) => ({ ...call })) } } : {}),
        ...(wanted.includes('DeclaredPools')
          ? { DeclaredPools: { pools: (options.pools ?? []).map((pool) => ({ ...pool, members: [...pool.members] })) } }
          : {}),
      },
      errors: {},
    };
  },
};
