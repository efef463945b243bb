// TCP connect and TLS handshake to one name at one address: protocol, certificate, trust and name coverage.
import type { TLSSocket } from 'node:tls';
import { toNetworkFailure } from '../../clients/failure.js';
import { connectPinned, type HttpsClientOptions, type PinnedTarget } from '../../clients/pinned-tls.js';
import type { EndpointProbe, NetworkFailure } from '../../inventory/artifacts.js';
import { certificateCoversName, certificateFacts } from './certificate.js';

export interface EndpointOutcome {
  probe: EndpointProbe;
  /** Why HTTP requests to this endpoint would be pointless (no TCP, or no TLS); null when they can be sent. */
  blocked: NetworkFailure | null;
  /** The handshake's connection, still open, when `keepOpen` asked for it and the handshake completed (the caller closes it). */
  connection: TLSSocket | null;
}

export async function probeEndpoint(target: PinnedTarget, options: HttpsClientOptions, keepOpen = false): Promise<EndpointOutcome> {
  const { facts, tlsSocket } = await connectPinned(target, options);
  const connection = keepOpen ? tlsSocket : null;
  if (!connection) tlsSocket?.destroy();
  const tcpError = facts.tcp.error ? toNetworkFailure(facts.tcp.error) : null;
  const base = { name: target.name, address: target.address, port: target.port };
  if (!facts.tcp.connected || !facts.tls) {
    const error = tcpError ?? { code: 'ENOTCONN', message: 'no connection was made' };
    return { probe: { ...base, tcp: { connected: false, error, millis: null }, tls: null }, blocked: error, connection: null };
  }
  const tcp = { connected: true, error: null, millis: facts.tcp.millis };
  const { tls } = facts;
  if (tls.error || !tls.peerCertificate) {
    const error = tls.error ? toNetworkFailure(tls.error) : { code: 'ENOCERT', message: 'the server presented no certificate' };
    return {
      probe: {
        ...base,
        tcp,
        tls: { protocol: tls.protocol, trusted: false, verifyError: null, coversName: false, certificate: null, error },
      },
      blocked: error,
      connection: null,
    };
  }
  return {
    probe: {
      ...base,
      tcp,
      tls: {
        protocol: tls.protocol,
        trusted: tls.authorized,
        verifyError: tls.authorizationError,
        coversName: certificateCoversName(target.name, tls.peerCertificate),
        certificate: certificateFacts(tls.peerCertificate),
        error: null,
      },
    },
    blocked: null,
    connection,
  };
}
