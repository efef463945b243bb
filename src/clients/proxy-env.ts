// Which proxy, if any, an HTTPS probe to a host goes through: HTTPS_PROXY/https_proxy, unless NO_PROXY/no_proxy
// exempts the host. The matching rules are undici's EnvHttpProxyAgent's (exact host, subdomain of an entry with
// or without a leading "." or "*.", optional :port, "*" for everything), applied to the *name* we probe: our
// probes connect to a chosen address, so matching the address like EnvHttpProxyAgent would miss "contoso.com".

export interface ProxyChoice {
  /** Origin of the proxy, e.g. "http://proxy.contoso.com:3128" (credentials stripped). */
  origin: string;
  /** Value for Proxy-Authorization when the proxy URL carried user:password. Never logged. */
  authorization: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

function noProxyEntries(value: string): { hostname: string; port: number }[] {
  return value
    .split(/[,\s]/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      return {
        hostname: (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').toLowerCase(),
        port: withPort ? Number.parseInt(withPort[2]!, 10) : 0,
      };
    });
}

export function isExemptFromProxy(host: string, port: number, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  const hostname = host.toLowerCase();
  return noProxyEntries(noProxy).some(
    (entry) => (!entry.port || entry.port === port) && (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)),
  );
}

export function proxyFor(host: string, port: number, env: Env = process.env): ProxyChoice | null {
  const proxy = env.https_proxy ?? env.HTTPS_PROXY;
  if (!proxy) return null;
  if (isExemptFromProxy(host, port, env.no_proxy ?? env.NO_PROXY ?? '')) return null;
  // curl and most tools accept "proxy:3128" without a scheme and mean http://.
  const url = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : null;
  return { origin: url.origin, authorization };
}
