// DNS-over-HTTPS (RFC 8484) through undici, apart from the UDP and TCP transports so that undici is loaded only
// when a DoH resolver is asked (dns-transports.ts imports this module on the first DoH question).
import { type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { buildQuery, type DnsPacket, type DnsQueryType, decode, malformed, type Transport } from './dns-transports.js';
import { trustContext } from './trust.js';

/**
 * DNS-over-HTTPS (RFC 8484, GET with id 0) through undici, so --ca-file and HTTPS_PROXY/NO_PROXY apply (read from
 * `env`; undici's EnvHttpProxyAgent matches NO_PROXY against the DoH host, which is what we want here).
 */
export function dohDispatcher(
  caPem: string | null,
  timeoutMs: number,
  env: Readonly<Record<string, string | undefined>>,
): EnvHttpProxyAgent {
  const secureContext = trustContext(caPem);
  return new EnvHttpProxyAgent({
    connect: { secureContext, timeout: timeoutMs },
    requestTls: { secureContext },
    proxyTls: { secureContext },
    // Empty strings, not undefined: undefined would make undici fall back to process.env.
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  });
}

export async function overDoh(
  t: Extract<Transport, { kind: 'doh' }>,
  name: string,
  type: DnsQueryType,
  signal: AbortSignal,
  dispatcher: Dispatcher,
): Promise<DnsPacket> {
  const url = new URL(t.url);
  url.searchParams.set('dns', buildQuery(name, type, 0).toString('base64url'));
  const response = await request(url, { method: 'GET', headers: { accept: 'application/dns-message' }, signal, dispatcher });
  // A DNS message is at most 65,535 octets (RFC 8484 §6); a longer body is refused while it is read.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > 65_535) {
      response.body.destroy();
      throw malformed(t, 'the DNS-over-HTTPS body is longer than a DNS message can be');
    }
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  if (response.statusCode !== 200) {
    throw Object.assign(new Error(`DNS-over-HTTPS answered HTTP ${response.statusCode}`), { code: `HTTP_${response.statusCode}` });
  }
  return decode(body, t);
}
