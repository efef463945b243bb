// The Internet's view of the names in scope: for every name and every public resolver, the CNAME chain,
// A and AAAA answers and the response code; the _autodiscover._tcp SRV record of every domain; and, as
// split-DNS evidence, what this machine's own resolver says. A resolver that does not answer is an error
// inside that one answer; judging what the answers mean (public? agreeing?) is the checks' job.
import type { DnsClient, DnsQueryType, ResolverSpec } from '../../clients/dns.js';
import { toNetworkFailure } from '../../clients/failure.js';
import type { DnsAnswer, NetworkFailure, PublicDns } from '../../inventory/artifacts.js';
import type { CollectOptions } from '../../options.js';
import type { Limiter } from '../concurrency.js';
import { chainAndAddresses, rcodeOf, srvRecords } from './answers.js';
import { domainsInScope, namesToResolve } from './names.js';
import { askSystemResolver, type SystemResolverMode } from './system-resolver.js';

export interface PublicDnsDependencies {
  dns: DnsClient;
  resolvers: ResolverSpec[];
  systemResolver: SystemResolverMode;
  /** Caps the DNS questions in flight. */
  limit: Limiter;
}

type Rcode = NonNullable<DnsAnswer['rcode']>;
interface Followed {
  rcode: Rcode;
  chain: string[];
  addresses: string[];
}

/** Longest CNAME chain we follow by asking again (a recursive resolver follows it for us; an authoritative one may not). */
const MAX_CNAME_HOPS = 8;

/**
 * What every public resolver answers for one name: the A and AAAA chains, each within one --timeout. Shared by
 * PublicDns and by probes of names read from elsewhere (the EWS URLs in AD), so both see the Internet the same way.
 */
export function createNameResolver(timeoutMs: number, deps: Pick<PublicDnsDependencies, 'dns' | 'resolvers' | 'limit'>) {
  const { dns, resolvers, limit } = deps;

  // One deadline per chain of questions, started when the first question gets a slot, so waiting for the
  // limiter never eats a query's time and a whole chain stays within one --timeout.
  function ask(resolver: ResolverSpec, name: string, type: DnsQueryType, chain: { deadline: number | null }) {
    return limit(() => {
      chain.deadline ??= Date.now() + timeoutMs;
      return dns.ask(resolver, name, type, chain.deadline);
    });
  }

  async function follow(resolver: ResolverSpec, name: string, type: 'A' | 'AAAA'): Promise<Followed> {
    const timing = { deadline: null as number | null };
    const chain: string[] = [];
    const seen = new Set([name]);
    let current = name;
    for (let hop = 0; ; hop++) {
      const packet = await ask(resolver, current, type, timing);
      const step = chainAndAddresses(packet, current, type);
      const looped = seen.has(step.end);
      chain.push(...step.chain);
      step.chain.forEach((target) => seen.add(target));
      const rcode = rcodeOf(packet);
      const dangling = step.addresses.length === 0 && step.chain.length > 0 && rcode === 'NOERROR';
      if (!dangling || looped || hop >= MAX_CNAME_HOPS) return { rcode, chain, addresses: step.addresses };
      current = step.end;
    }
  }

  async function answer(resolver: ResolverSpec, name: string): Promise<DnsAnswer> {
    const [a, aaaa] = await Promise.allSettled([follow(resolver, name, 'A'), follow(resolver, name, 'AAAA')]);
    const failure = (type: string, result: PromiseSettledResult<Followed>): NetworkFailure | null => {
      if (result.status === 'fulfilled') return null;
      const { code, message } = toNetworkFailure(result.reason);
      return { code, message: `${type} query: ${message}` };
    };
    const answered = a.status === 'fulfilled' ? a.value : aaaa.status === 'fulfilled' ? aaaa.value : null;
    return {
      resolver: resolver.id,
      rcode: answered?.rcode ?? null,
      cnameChain: answered?.chain ?? [],
      a: a.status === 'fulfilled' ? [...a.value.addresses].sort() : [],
      aaaa: aaaa.status === 'fulfilled' ? [...aaaa.value.addresses].sort() : [],
      // Any failed question makes the answer incomplete, and the check must know.
      error: failure('A', a) ?? failure('AAAA', aaaa),
    };
  }

  return {
    ask,
    /** One answer per resolver, in resolver order. */
    resolve: (name: string): Promise<DnsAnswer[]> => Promise.all(resolvers.map((resolver) => answer(resolver, name))),
  };
}

export async function collectPublicDns(
  options: Pick<CollectOptions, 'domains' | 'mailboxes' | 'namespaces' | 'treatAsPublic' | 'timeoutMs'>,
  deps: PublicDnsDependencies,
): Promise<PublicDns> {
  const { resolvers } = deps;
  const { ask, resolve } = createNameResolver(options.timeoutMs, deps);

  async function srvAnswer(resolver: ResolverSpec, domain: string) {
    try {
      const packet = await ask(resolver, `_autodiscover._tcp.${domain}`, 'SRV', { deadline: null });
      return { resolver: resolver.id, rcode: rcodeOf(packet), records: srvRecords(packet), error: null };
    } catch (error) {
      return { resolver: resolver.id, rcode: null, records: [], error: toNetworkFailure(error) };
    }
  }

  const names = namesToResolve(options);
  const answersByName = new Map<string, Promise<DnsAnswer[]>>();
  const systemByName = new Map<string, ReturnType<typeof askSystemResolver>>();
  for (const { name } of names) {
    if (answersByName.has(name)) continue;
    answersByName.set(name, resolve(name));
    systemByName.set(name, askSystemResolver(name, deps.systemResolver, options.timeoutMs));
  }
  const srv = Promise.all(
    domainsInScope(options).map(async (domain) => ({
      domain,
      answers: await Promise.all(resolvers.map((resolver) => srvAnswer(resolver, domain))),
    })),
  );

  return {
    resolvers: resolvers.map(({ id, protocol, address }) => ({ id, protocol, address })),
    treatAsPublic: [...options.treatAsPublic],
    names: await Promise.all(
      names.map(async ({ name, role, domain }) => ({
        name,
        role,
        domain,
        answers: await answersByName.get(name)!,
        systemResolver: await systemByName.get(name)!,
      })),
    ),
    srv: await srv,
  };
}
