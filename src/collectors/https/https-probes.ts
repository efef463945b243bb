// Every HTTPS probe of a run, concurrently under one cap. Per name × address: first the TCP + TLS handshake
// (EndpointProbes); when it completes — even with an untrusted or expired certificate, which is recorded —
// the HTTP probes follow, each on its own connection; when it fails, they are recorded as not sent with the
// handshake's reason, so an address that swallows connections costs one timeout, not one per request.
import type { HttpsClientOptions, PinnedTarget } from '../../clients/https.js';
import type { Artifacts, AutodiscoverProbe, EndpointProbe, FrontEndSample, RestEndpointProbe } from '../../inventory/artifacts.js';
import type { Limiter } from '../concurrency.js';
import { autodiscoverProbe, autodiscoverRequests, type AutodiscoverRequest } from './autodiscover-probe.js';
import { probeEndpoint, type EndpointOutcome } from './endpoint-probe.js';
import { blockedSample, frontEndSample, SAMPLE_PATHS } from './front-end-sampler.js';
import { getOnFreshConnection, notSent, urlOf } from './requests.js';
import { REST_PROBE_PATH, restEndpointProbe } from './rest-probe.js';
import type { ProbeTarget } from './targets.js';

export type HttpsArtifactName = 'EndpointProbes' | 'AutodiscoverProbes' | 'RestEndpointProbes' | 'FrontEndSamples';

export interface HttpsProbeSettings {
  mailboxes: readonly string[];
  port: number;
  client: HttpsClientOptions;
  samplesPerAddress: number;
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

  // One handshake per name and address, shared by the autodiscover and namespace roles of the same name.
  const handshakes = new Map<string, Promise<EndpointOutcome>>();
  const handshake = (endpoint: PinnedTarget) => {
    const key = `${endpoint.name}|${endpoint.address}`;
    if (!handshakes.has(key)) handshakes.set(key, limit(() => probeEndpoint(endpoint, client)));
    return handshakes.get(key)!;
  };

  const autodiscover = async (request: AutodiscoverRequest): Promise<AutodiscoverProbe> => {
    const { blocked } = await handshake(request.target);
    const path = request.path;
    if (path === null) {
      const error = { code: 'EBADMAILBOX', message: `not sent: ${JSON.stringify(request.mailbox)} is not a plain SMTP address` };
      return autodiscoverProbe(request, { url: urlOf(request.target, '/autodiscover/autodiscover.json'), status: null, headers: {}, bodyExcerpt: null, error });
    }
    if (blocked) return autodiscoverProbe(request, notSent(request.target, path, blocked));
    const [response] = await limit(() => getOnFreshConnection(request.target, [path], client));
    return autodiscoverProbe(request, response!);
  };

  const rest = async (target: ProbeTarget): Promise<RestEndpointProbe> => {
    const endpoint = pinned(target);
    const { blocked } = await handshake(endpoint);
    if (blocked) return restEndpointProbe(endpoint, notSent(endpoint, REST_PROBE_PATH, blocked));
    const [response] = await limit(() => getOnFreshConnection(endpoint, [REST_PROBE_PATH], client));
    return restEndpointProbe(endpoint, response!);
  };

  const samples = async (target: ProbeTarget): Promise<FrontEndSample[]> => {
    const { blocked } = await handshake(pinned(target));
    if (blocked) return Array.from({ length: settings.samplesPerAddress }, () => blockedSample(blocked));
    return Promise.all(
      Array.from({ length: settings.samplesPerAddress }, () =>
        limit(() => getOnFreshConnection(pinned(target), SAMPLE_PATHS, client)).then(([owa, api]) => frontEndSample(owa, api)),
      ),
    );
  };

  const namespaces = targets.filter((target) => target.role === 'namespace');
  const autodiscoverTargets = targets.filter((target) => target.role === 'autodiscover' && target.domain !== null);
  const uniqueEndpoints = [...new Map(targets.map((target) => [`${target.name}|${target.address}`, target])).values()];

  const [endpointProbes, autodiscoverProbes, restProbes, sampleTargets] = await Promise.all([
    wanted.has('EndpointProbes') ? Promise.all(uniqueEndpoints.map(async (target) => (await handshake(pinned(target))).probe)) : Promise.resolve<EndpointProbe[]>([]),
    wanted.has('AutodiscoverProbes')
      ? Promise.all(autodiscoverTargets.flatMap((target) => autodiscoverRequests(pinned(target), target.domain!, settings.mailboxes)).map(autodiscover))
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
