// Hand-made front-end samples (the FrontEndSamples artifact), for the load-balancer check and the sampler's tests.
import type { FrontEndSample, FrontEndSamples, NetworkFailure } from '../../src/inventory/artifacts.js';

/** A sample with every header absent and OWA answering 200, overridden by `fields`. */
export function sample(fields: Partial<FrontEndSample> = {}): FrontEndSample {
  return {
    feServer: null,
    beServer: null,
    calculatedBeTarget: null,
    owaVersion: null,
    serverApplication: null,
    apiStatus: null,
    owaStatus: 200,
    error: null,
    ...fields,
  };
}

/** A sample whose connection failed: no status, no header. */
export function failedSample(error: NetworkFailure): FrontEndSample {
  return sample({ owaStatus: null, error });
}

export const times = (count: number, make: () => FrontEndSample): FrontEndSample[] => Array.from({ length: count }, make);

export function samplesOf(...targets: [name: string, address: string, samples: FrontEndSample[]][]): FrontEndSamples {
  return { targets: targets.map(([name, address, list]) => ({ name, address, samples: list })) };
}
