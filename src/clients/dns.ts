// The DNS client: which resolvers to ask (--resolver, or well-known public resolvers), and one question to
// one resolver within one deadline. A resolver has an ordered list of transports; the next one starts when
// the previous fails (or is truncated), or when its share of the time has passed, and the first answer wins.
// So a network that blocks DNS-over-HTTPS, or UDP, still gets an answer inside the same --timeout.
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { UsageError } from '../errors.js';
import { askOver, type DnsPacket, type DnsQueryType, type Transport, type TransportContext, transportId } from './dns-transports.js';
import { TimeoutError } from './failure.js';

export type { DnsPacket, DnsQueryType } from './dns-transports.js';

export interface ResolverSpec {
  /** Stable label used in answers: the first transport, e.g. "doh:https://1.1.1.1/dns-query", "udp:127.0.0.1:5353". */
  id: string;
  protocol: 'doh' | 'udp' | 'tcp';
  /** The address or URL as given. */
  address: string;
  /** Tried in order (see the file comment). */
  transports: Transport[];
}

function udpThenTcp(host: string, port: number): Transport[] {
  return [
    { kind: 'udp', host, port },
    { kind: 'tcp', host, port },
  ];
}

function publicResolver(ip: string): ResolverSpec {
  // DoH by IP literal: no bootstrap lookup through the local (possibly split) DNS, and the operator's
  // certificate names the IP. Plain DNS to the same server is the fallback where HTTPS is blocked.
  const transports: Transport[] = [{ kind: 'doh', url: `https://${ip}/dns-query` }, ...udpThenTcp(ip, 53)];
  return { id: transportId(transports[0]!), protocol: 'doh', address: `https://${ip}/dns-query`, transports };
}

/** Cloudflare, Google Public DNS and Quad9: what "the Internet" answers, not the admin's internal view. */
export function defaultResolvers(): ResolverSpec[] {
  return ['1.1.1.1', '8.8.8.8', '9.9.9.9'].map(publicResolver);
}

const RESOLVER_HELP =
  'expected an IP address with an optional port (1.1.1.1, 127.0.0.1:5353, [::1]:5353) or an https:// DNS-over-HTTPS URL';

/** Parses one --resolver value; throws UsageError naming the value when it is neither form. */
export function parseResolver(text: string): ResolverSpec {
  const value = text.trim();
  if (/^https:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`--resolver "${text}": not a valid URL; ${RESOLVER_HELP}`);
    }
    const transports: Transport[] = [{ kind: 'doh', url: url.href }];
    return { id: transportId(transports[0]!), protocol: 'doh', address: url.href, transports };
  }
  let host = value;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const ipv4WithPort = /^([\d.]+):(\d+)$/.exec(value);
  if (bracketed) [host, port] = [bracketed[1]!, bracketed[2] ? Number(bracketed[2]) : 53];
  else if (ipv4WithPort) [host, port] = [ipv4WithPort[1]!, Number(ipv4WithPort[2])];
  if (!isIP(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--resolver "${text}": ${RESOLVER_HELP}`);
  }
  const transports = udpThenTcp(host, port);
  return { id: transportId(transports[0]!), protocol: 'udp', address: value, transports };
}

export function resolversFrom(values: readonly string[]): ResolverSpec[] {
  return values.length === 0 ? defaultResolvers() : values.map(parseResolver);
}

export interface DnsClientOptions {
  caPem: string | null;
  timeoutMs: number;
  /** Where HTTPS_PROXY/NO_PROXY are read from for DNS-over-HTTPS; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface DnsClient {
  /** One question to one resolver, answered or rejected (with a coded error) before `deadline` (epoch ms). */
  ask(resolver: ResolverSpec, name: string, type: DnsQueryType, deadline: number): Promise<DnsPacket>;
  close(): Promise<void>;
}

export function createDnsClient(options: DnsClientOptions): DnsClient {
  let doh: Promise<Dispatcher> | null = null;
  const context: TransportContext = {
    doh: () =>
      (doh ??= import('./dns-over-https.js').then((module) =>
        module.dohDispatcher(options.caPem, options.timeoutMs, options.env ?? process.env),
      )),
  };

  return {
    ask(resolver, name, type, deadline) {
      const controller = new AbortController();
      const transports = resolver.transports;
      const budget = Math.max(1, deadline - Date.now());
      // Each later transport gets its start after an equal share of the budget, or earlier if the previous failed.
      const share = budget / transports.length;
      const failures: string[] = [];
      let firstError: unknown = null;

      return new Promise<DnsPacket>((resolve, reject) => {
        let settled = false;
        let running = 0;
        let next = 0;
        let stagger: NodeJS.Timeout | undefined;
        const settle = (error: unknown, packet?: DnsPacket) => {
          if (settled) return;
          settled = true;
          clearTimeout(stagger);
          clearTimeout(overall);
          controller.abort(new TimeoutError('another transport answered first'));
          if (packet) resolve(packet);
          else reject(error);
        };
        const start = () => {
          clearTimeout(stagger);
          if (settled || next >= transports.length) return;
          const transport = transports[next++]!;
          running++;
          askOver(transport, name, type, controller.signal, context).then(
            (packet) => {
              running--;
              // A truncated UDP answer is incomplete: RFC 7766 says retry over TCP.
              if (transport.kind === 'udp' && packet.header.tc) onFailure(transport, new Error('truncated answer (TC bit)'));
              else settle(null, packet);
            },
            (error: unknown) => {
              running--;
              onFailure(transport, error);
            },
          );
          if (next < transports.length) stagger = setTimeout(start, share);
        };
        const onFailure = (transport: Transport, error: unknown) => {
          if (settled) return;
          firstError ??= error;
          failures.push(`${transportId(transport)}: ${error instanceof Error ? error.message : String(error)}`);
          if (next < transports.length) start();
          else if (running === 0) settle(coded(codeOf(firstError), failures.join('; ')));
        };
        const overall = setTimeout(() => {
          const story = failures.length > 0 ? ` (${failures.join('; ')})` : '';
          settle(coded('ETIMEDOUT', `no answer from ${resolver.id} within ${budget} ms${story}`));
        }, budget);
        start();
      });
    },
    async close() {
      await doh?.then((dispatcher) => dispatcher.close()).catch(() => undefined);
    },
  };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'ERROR';
}

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
