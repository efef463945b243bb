// Trust anchors for every TLS client (LDAPS, HTTPS probes, Graph): the system's roots plus --ca-file.
import { rootCertificates } from 'node:tls';

/**
 * The `ca` option for node:tls / undici. Undefined means "Node's defaults"; with an extra CA we must list the
 * bundled roots too, because setting `ca` replaces them rather than adding to them.
 */
export function trustAnchors(extraCaPem: string | null): string[] | undefined {
  if (!extraCaPem) return undefined;
  return [...rootCertificates, extraCaPem];
}
