// Every HTTPS probe of a run, concurrently under one cap. Per name × address: first the TCP + TLS handshake
// (EndpointProbes); when it completes — even with an untrusted or expired certificate, which is recorded —
// the HTTP probes follow. The handshake's own connection carries GET /api/v2.0/me (the REST probe: its answer then
// comes from the server whose certificate was recorded) and, where the address is sampled, GET /owa/ after it: a
// new connection like any other, so it is the address's first front-end sample. The other samples each take a new
// connection, a few at a time (sample-pacing.ts), and the Autodiscover requests one each. When the handshake fails,
// they are recorded as not sent with the handshake's reason, so an address that swallows connections costs one
// timeout, not one per request.
import type { HttpsClientOptions, PinnedTarget } from '../../clients/https.js';
import type {
  Artifacts,
  AutodiscoverProbe,
  ConnectionTrust,
  EndpointProbe,
  FrontEndSample,
  HttpExchange,
  RestEndpointProbe,
} from '../../inventory/artifacts.js';
import type { Limiter } from '../concurrency.js';
import { type AutodiscoverRequest, autodiscoverProbe, autodiscoverRequests } from './autodiscover-probe.js';
import { type EndpointOutcome, probeEndpoint } from './endpoint-probe.js';
import { blockedSample, frontEndSample, OWA_PATH, SAMPLE_PATHS } from './front-end-sampler.js';
import { getOnOneConnection, notSent, urlOf } from './requests.js';
import { REST_PROBE_PATH, restEndpointProbe } from './rest-probe.js';
import { takeSamples } from './sample-pacing.js';
import type { ProbeTarget } from './targets.js';

export type HttpsArtifactName = 'EndpointProbes' | 'AutodiscoverProbes' | 'RestEndpointProbes' | 'FrontEndSamples';

export interface HttpsProbeSettings {
  mailboxes: readonly string[];
  port: number;
  client: HttpsClientOptions;
  samplesPerAddress: number;
  /** Front-end samples of one address in flight at a time (see sample-pacing.ts). */
  samplesInFlight: number;
  /** Caps the connections in flight across the whole run. */
  limit: Limiter;
}

export async function runHttpsProbes(
  targets: readonly ProbeTarget[],
  wanted: ReadonlySet<HttpsArtifactName>,
  settings: HttpsProbeSettings,
): Promise<Pick<Artifacts, HttpsArtifactName>> {
  const { limit, client, port } = settings;
  const pinned = (target: ProbeTarget): PinnedTarget => ({ name: target.name, address: target.address, port });

  const keyOf = (endpoint: { name: string; address: string }) => `${endpoint.name}|${endpoint.address}`;
  const namespaces = targets.filter((target) => target.role === 'namespace');
  const namespaceKeys = (artifact: HttpsArtifactName) => new Set(wanted.has(artifact) ? namespaces.map(keyOf) : []);
  const restOnHandshake = namespaceKeys('RestEndpointProbes');
  const sampleOnHandshake = namespaceKeys('FrontEndSamples');

  // One handshake per name and address, shared by the autodiscover and namespace roles of the same name. The requests
  // that follow on its connection (/api, then /owa/ for a sample) stay within the same slot of the connection cap;
  // the handshake's outcome is known (and the other probes start) before their answers arrive.
  interface OnHandshake {
    outcome: Promise<EndpointOutcome>;
    /** The REST probe's answer, or null when the handshake's connection did not carry it. */
    restAnswer: Promise<HttpExchange | null>;
    /** The first front-end sample, or null when the handshake's connection did not carry one. */
    firstSample: Promise<FrontEndSample | null>;
  }
  const endpoints = new Map<string, OnHandshake>();
  const endpointRun = (endpoint: PinnedTarget): OnHandshake => {
    const key = keyOf(endpoint);
    let run = endpoints.get(key);
    if (!run) {
      let handshakeDone!: (outcome: EndpointOutcome) => void;
      let handshakeFailed!: (error: unknown) => void;
      const outcome = new Promise<EndpointOutcome>((resolve, reject) => {
        handshakeDone = resolve;
        handshakeFailed = reject;
      });
      const sampled = sampleOnHandshake.has(key);
      // /api first: the REST probe's answer does not wait for the sample's second request.
      const paths = restOnHandshake.has(key) || sampled ? [REST_PROBE_PATH, ...(sampled ? [OWA_PATH] : [])] : [];
      const answers = limit(async () => {
        const result = await probeEndpoint(endpoint, client, paths.length > 0);
        handshakeDone(result);
        return result.connection ? getOnOneConnection(endpoint, paths, client, result.connection) : null;
      });
      // probeEndpoint records failures rather than throwing; should it throw all the same, its waiters fail through
      // `outcome` instead of hanging, and the answers read as none (no one awaits them then, so they must not reject).
      const carried = answers.catch((error: unknown) => {
        handshakeFailed(error);
        return null;
      });
      run = {
        outcome,
        restAnswer: carried.then((exchanges) => (exchanges && restOnHandshake.has(key) ? exchanges[0]! : null)),
        firstSample: carried.then((exchanges) => (exchanges && sampled ? frontEndSample(exchanges[1], exchanges[0]) : null)),
      };
      endpoints.set(key, run);
    }
    return run;
  };
  const handshake = (endpoint: PinnedTarget) => endpointRun(endpoint).outcome;

  const autodiscover = async (request: AutodiscoverRequest): Promise<AutodiscoverProbe> => {
    const { blocked, probe } = await handshake(request.target);
    const trust = trustOf(probe);
    const path = request.path;
    if (path === null) {
      const error = { code: 'EBADMAILBOX', message: `not sent: ${JSON.stringify(request.mailbox)} is not a plain SMTP address` };
      return autodiscoverProbe(
        request,
        {
          url: urlOf(request.target, '/autodiscover/autodiscover.json'),
          status: null,
          headers: {},
          bodyExcerpt: null,
          error,
        },
        trust,
      );
    }
    if (blocked) return autodiscoverProbe(request, notSent(request.target, path, blocked), trust);
    const [response] = await limit(() => getOnOneConnection(request.target, [path], client));
    return autodiscoverProbe(request, response!, trust);
  };

  const rest = async (target: ProbeTarget): Promise<RestEndpointProbe> => {
    const endpoint = pinned(target);
    const { blocked, probe } = await handshake(endpoint);
    const trust = trustOf(probe);
    if (blocked) return restEndpointProbe(endpoint, notSent(endpoint, REST_PROBE_PATH, blocked), trust);
    const answer = await endpointRun(endpoint).restAnswer;
    return restEndpointProbe(endpoint, answer ?? (await limit(() => getOnOneConnection(endpoint, [REST_PROBE_PATH], client)))[0]!, trust);
  };

  const samples = async (target: ProbeTarget): Promise<FrontEndSample[]> => {
    const endpoint = pinned(target);
    const { blocked } = await handshake(endpoint);
    if (blocked) return Array.from({ length: settings.samplesPerAddress }, () => blockedSample(blocked));
    const [first, rest] = await Promise.all([
      endpointRun(endpoint).firstSample,
      takeSamples(settings.samplesPerAddress - 1, settings.samplesInFlight, () =>
        limit(() => getOnOneConnection(endpoint, SAMPLE_PATHS, client)).then(([owa, api]) => frontEndSample(owa, api)),
      ),
    ]);
    // Not null: this is a sampled namespace whose handshake completed, so its connection carried the first sample.
    return [first!, ...rest];
  };

  const autodiscoverTargets = targets.filter((target) => target.role === 'autodiscover' && target.domain !== null);
  const uniqueEndpoints = [...new Map(targets.map((target) => [keyOf(target), target])).values()];

  const [endpointProbes, autodiscoverProbes, restProbes, sampleTargets] = await Promise.all([
    wanted.has('EndpointProbes')
      ? Promise.all(uniqueEndpoints.map(async (target) => (await handshake(pinned(target))).probe))
      : Promise.resolve<EndpointProbe[]>([]),
    wanted.has('AutodiscoverProbes')
      ? Promise.all(
          autodiscoverTargets
            .flatMap((target) => autodiscoverRequests(pinned(target), target.domain!, settings.mailboxes))
            .map(autodiscover),
        )
      : Promise.resolve<AutodiscoverProbe[]>([]),
    wanted.has('RestEndpointProbes') ? Promise.all(namespaces.map(rest)) : Promise.resolve<RestEndpointProbe[]>([]),
    wanted.has('FrontEndSamples')
      ? Promise.all(namespaces.map(async (target) => ({ name: target.name, address: target.address, samples: await samples(target) })))
      : Promise.resolve([]),
  ]);

  return {
    EndpointProbes: { probes: endpointProbes },
    AutodiscoverProbes: { probes: autodiscoverProbes },
    RestEndpointProbes: { probes: restProbes },
    FrontEndSamples: { targets: sampleTargets },
  };
}

/**
 * The trust of the handshake with this name at this address, carried with every answer read from there: the /api
 * answer rides that very connection; later connections to the same address (Autodiscover) are not verified again
 * (see pinned-tls.ts) and meet the certificate the handshake recorded. null when no handshake completed.
 */
function trustOf(probe: EndpointProbe): ConnectionTrust | null {
  if (!probe.tls || probe.tls.error) return null;
  return { trusted: probe.tls.trusted, coversName: probe.tls.coversName, verifyError: probe.tls.verifyError };
}
