// Trust anchors for every TLS client (LDAPS, HTTPS probes, Graph and its sign-in host, DNS-over-HTTPS): the system's
// roots plus --ca-file, parsed once per process. Handing node:tls a `ca` list makes it parse every certificate of the
// list again for each connection (~140 bundled roots, ~2 ms of CPU each time, measured); a shared SecureContext
// parses them once, and every client passes it as `secureContext` (docs/performance.md).
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

export interface TrustOptions {
  /** The lowest TLS version accepted; LDAP insists on 1.2 whatever Node's default is. Default: Node's. */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

const contexts = new Map<string, SecureContext>();

/**
 * The trust store of this run's verified connections, built once per distinct --ca-file (and minimum version).
 * Without an extra CA it is Node's default store. With one, the bundled roots are listed too, because `ca`
 * replaces the default store rather than adding to it.
 */
export function trustContext(extraCaPem: string | null, options: TrustOptions = {}): SecureContext {
  const key = `${options.minVersion ?? ''}\n${extraCaPem ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({
      ...(extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : {}),
      ...(options.minVersion ? { minVersion: options.minVersion } : {}),
    });
    contexts.set(key, context);
  }
  return context;
}
