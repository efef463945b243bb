// Front-end sampling: Exchange 2013 behind a namespace that 2016+ servers serve answers only when the load
// balancer picks it, so one request proves little. Each sample is a new connection (a balancer spreads
// connections, and keeps a connection on one member) carrying GET /owa/ (X-OWA-Version, X-FEServer) and
// GET /api/v2.0/me (404 on 2013, which has no /api); the first is the endpoint probe's own connection
// (https-probes.ts). Headers: docs/facts/http.md §1.
import type { FrontEndSample, HttpExchange, NetworkFailure } from '../../inventory/artifacts.js';
import { REST_PROBE_PATH } from './rest-probe.js';

export const DEFAULT_SAMPLES_PER_ADDRESS = 12;
export const OWA_PATH = '/owa/';
/** A sample's requests on a connection of its own; on the handshake's connection they go the other way round. */
export const SAMPLE_PATHS = [OWA_PATH, REST_PROBE_PATH] as const;

function first(exchanges: readonly HttpExchange[], header: string): string | null {
  for (const exchange of exchanges) {
    const value = exchange.headers[header]?.[0];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** The failure that cut the sample short: a request that failed, else one never sent (the connection was gone). */
function sampleError(owa: HttpExchange | undefined, api: HttpExchange | undefined): NetworkFailure | null {
  const requests = [
    [OWA_PATH, owa],
    [REST_PROBE_PATH, api],
  ] as const;
  const failed = requests.find(([, exchange]) => exchange?.error);
  if (failed) return { code: failed[1]!.error!.code, message: `${failed[0]}: ${failed[1]!.error!.message}` };
  const missing = requests.find(([, exchange]) => exchange === undefined);
  return missing ? { code: 'ENOTSENT', message: `${missing[0]}: not sent` } : null;
}

/** One sample from the answers to /owa/ and /api on one connection; the /owa/ answer names the server first. */
export function frontEndSample(owa: HttpExchange | undefined, api: HttpExchange | undefined): FrontEndSample {
  const answered = [owa, api].filter((exchange): exchange is HttpExchange => exchange !== undefined && exchange.status !== null);
  return {
    feServer: first(answered, 'x-feserver'),
    beServer: first(answered, 'x-beserver'),
    calculatedBeTarget: first(answered, 'x-calculatedbetarget'),
    owaVersion: first(answered, 'x-owa-version'),
    serverApplication: first(answered, 'x-serverapplication'),
    apiStatus: api?.status ?? null,
    owaStatus: owa?.status ?? null,
    error: sampleError(owa, api),
  };
}

export function blockedSample(blocked: NetworkFailure): FrontEndSample {
  return {
    feServer: null,
    beServer: null,
    calculatedBeTarget: null,
    owaVersion: null,
    serverApplication: null,
    apiStatus: null,
    owaStatus: null,
    error: { code: blocked.code, message: `not sent: ${blocked.message}` },
  };
}
