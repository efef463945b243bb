// Trust anchors for every TLS client (LDAPS, HTTPS probes, Graph and its sign-in host, DNS-over-HTTPS): the system's
// roots plus --ca-file, parsed once per process. Handing node:tls a `ca` list makes it parse every certificate of the
// list again for each connection (~140 bundled roots: ~27 ms of CPU each time, measured); a shared SecureContext
// is built once, and every client passes it as `secureContext` (docs/performance.md).
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

export interface TrustOptions {
  /** The lowest TLS version accepted; LDAP insists on 1.2 whatever Node's default is. Default: Node's. */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

const contexts = new Map<string, SecureContext>();

/**
 * The trust store of this run's verified connections, built once per distinct --ca-file (and minimum version).
 * Without --ca-file it is Node's default store; with it, Node's bundled roots plus the --ca-file certificates (the
 * set a `ca` list of both gave).
 */
export function trustContext(extraCaPem: string | null, options: TrustOptions = {}): SecureContext {
  const key = `${options.minVersion ?? ''}\n${extraCaPem ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = withExtraAnchors(options, extraCaPem);
    contexts.set(key, context);
  }
  return context;
}

/**
 * Node's default context with the extra anchors added. `ca` would replace the default store, so the bundled roots
 * would have to be listed as PEM and parsed again (~27 ms of CPU, and up to ~80 ms on a busy machine, measured).
 * Node's own `ca` handling calls the native context's addCACert for each certificate; called on a default context,
 * Node copies its already-parsed root store and adds the certificate to the copy (src/crypto/crypto_context.cc,
 * SecureContext::AddCACert, NewRootCertStore), so the bundled roots stay and the shared default store is left alone. Where that internal
 * method is missing, the roots are listed as before.
 */
function withExtraAnchors(options: TrustOptions, extraCaPem: string | null): SecureContext {
  const base = options.minVersion ? { minVersion: options.minVersion } : {};
  if (!extraCaPem) return createSecureContext(base);
  const context = createSecureContext(base);
  const native = (context as { context?: { addCACert?: (pem: string) => void } }).context;
  if (typeof native?.addCACert === 'function') {
    native.addCACert(extraCaPem);
    return context;
  }
  return createSecureContext({ ...base, ca: [...rootCertificates, extraCaPem] });
}
