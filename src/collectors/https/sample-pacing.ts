// How the front-end samples of one address are spread out: a few connections at a time, the next sample starting
// when one ends, instead of all of them at once. The samples then meet the load balancer at different moments, and a
// large run opens its TLS connections over time rather than hundreds in one burst. It does not make a large run
// faster (the client's CPU sets its pace either way, see bench/probes-latency.ts), and sampling one address takes
// about four sample round trips instead of one.
// (A least-connections balancer with more than three idle members is the case where all at once would spread
// wider; with traffic on the pool, its choice moves with the load anyway.)
// A sample that timed out stops the address's later samples: a server that let one connection hang would let the
// next ones hang too, and the run must stay within about one --timeout.
import type { FrontEndSample, NetworkFailure } from '../../inventory/artifacts.js';
import { blockedSample } from './front-end-sampler.js';

/** Connections in flight per sampled address; the 11 samples after the handshake's then go in about four rounds. */
export const DEFAULT_SAMPLES_IN_FLIGHT = 3;

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function notTaken(cause: NetworkFailure): FrontEndSample {
  return blockedSample({ code: cause.code, message: `an earlier sample of this address timed out (${cause.message})` });
}

/** `count` samples, at most `inFlight` at a time, in the order they were started. */
export async function takeSamples(count: number, inFlight: number, takeOne: () => Promise<FrontEndSample>): Promise<FrontEndSample[]> {
  const samples: (FrontEndSample | undefined)[] = Array.from({ length: count }, () => undefined);
  let next = 0;
  let timedOut: NetworkFailure | null = null;
  const lane = async () => {
    while (next < count && timedOut === null) {
      const index = next++;
      const sample = await takeOne();
      samples[index] = sample;
      if (sample.error && TIMEOUT_CODES.has(sample.error.code)) timedOut ??= sample.error;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, count)) }, lane));
  return samples.map((sample) => sample ?? notTaken(timedOut!));
}
