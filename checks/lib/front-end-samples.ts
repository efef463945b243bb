// Reading repeated HTTPS samples of one namespace address: which Exchange generation answered each request.
// Signals (docs/facts/http.md §1):
// - X-FEServer names the front end (short NetBIOS name); AD tells its version. The strongest signal.
// - X-OWA-Version / X-ServerApplication carry a build; X-BEServer / X-CalculatedBETarget name the back end. A 15.0
//   value shows that Exchange 2013 took part in the answer. Behind a front end AD knows as 2016+, that is a 2013 back
//   end reached by proxying down, which coexistence allows; otherwise a 2013 front end most likely answered.
// - X-ServerApplication alone is weak: grommunio sends `Exchange/15.00.0847.4040` too, so a 15.0 value with no other
//   Exchange header only earns a warning.
// - GET /api/v2.0/me answers 401 from a 2016+ front end and 404 from one without the REST vdir (Exchange 2013).

import { type ExchangeBuild, formatShort, parseOwaVersion, parseServerApplication, productOf } from '../../src/exchange/version.js';
import type { FrontEndSample } from '../../src/inventory/artifacts.js';
import { readServerBuildSource, type ServerDirectory } from './server-build.js';

export type Generation = 'exchange-2013' | 'exchange-2016-or-later' | 'other' | 'unknown';

export type SampleVerdict =
  /** X-FEServer names a server AD knows as Exchange 2013, or 2013 signals without a known 2016+ front end. */
  | 'exchange-2013'
  /** A 2016+ front end (by AD) proxied to Exchange 2013. */
  | 'back-end-2013'
  /** Only X-ServerApplication says 15.0, with no other Exchange header. */
  | 'weak-2013'
  /** The front end is known to be 2016+ (by AD) or /api answered 401. */
  | 'exchange-2016-or-later'
  | 'unidentified'
  | 'no-answer';

export interface SampleReading {
  verdict: SampleVerdict;
  frontEnd: string | null;
  /** "header: value (what it means)" strings that led to the verdict. */
  signals: string[];
  apiStatus: number | null;
  error: string | null;
}

/** The generation AD records for a server name (NetBIOS, FQDN or first label), or 'unknown'. */
export function generationOf(name: string | null | undefined, directory: ServerDirectory | null): Generation {
  const server = directory?.find(name);
  if (!server) return 'unknown';
  const product = readServerBuildSource(server).product;
  if (product === 'Exchange 2013') return 'exchange-2013';
  if (product === 'Exchange 2016' || product === 'Exchange 2019' || product === 'Exchange Server SE') return 'exchange-2016-or-later';
  return product === null ? 'unknown' : 'other';
}

const is2013 = (build: ExchangeBuild | null): build is ExchangeBuild => build !== null && productOf(build) === 'Exchange 2013';

export function readSample(sample: FrontEndSample, directory: ServerDirectory | null): SampleReading {
  const frontEnd = sample.feServer;
  const base = { frontEnd, apiStatus: sample.apiStatus };
  if (sample.error) return { ...base, verdict: 'no-answer', signals: [], error: `${sample.error.code}: ${sample.error.message}` };

  const frontEndGeneration = generationOf(frontEnd, directory);
  const owa = parseOwaVersion(sample.owaVersion);
  const application = parseServerApplication(sample.serverApplication);
  const backEnds = [sample.beServer, sample.calculatedBeTarget].filter((name): name is string => name !== null);
  const signals2013 = [
    ...(is2013(owa) ? [`X-OWA-Version: ${sample.owaVersion} (Exchange 2013 build ${formatShort(owa)})`] : []),
    ...backEnds.filter((name) => generationOf(name, directory) === 'exchange-2013').map((name) => `back end ${name} (Exchange 2013 in AD)`),
  ];
  const application2013 = is2013(application) ? `X-ServerApplication: ${sample.serverApplication} (Exchange 2013 build)` : null;
  const otherExchangeHeaders = frontEnd !== null || backEnds.length > 0 || sample.owaVersion !== null;

  if (frontEndGeneration === 'exchange-2013') {
    return { ...base, verdict: 'exchange-2013', error: null, signals: [`X-FEServer: ${frontEnd} (Exchange 2013 in AD)`, ...signals2013] };
  }
  const with2013 = application2013 && otherExchangeHeaders ? [...signals2013, application2013] : signals2013;
  if (frontEndGeneration === 'exchange-2016-or-later') {
    return with2013.length > 0
      ? { ...base, verdict: 'back-end-2013', error: null, signals: with2013 }
      : { ...base, verdict: 'exchange-2016-or-later', error: null, signals: [`X-FEServer: ${frontEnd} (Exchange 2016 or later in AD)`] };
  }
  if (with2013.length > 0) return { ...base, verdict: 'exchange-2013', error: null, signals: with2013 };
  if (application2013) return { ...base, verdict: 'weak-2013', error: null, signals: [application2013] };
  if (sample.apiStatus === 401)
    return { ...base, verdict: 'exchange-2016-or-later', error: null, signals: ['/api/v2.0/me: 401 (the REST vdir exists)'] };
  return { ...base, verdict: 'unidentified', error: null, signals: [] };
}

/** "EX16A ×7, EX16B ×3" (or "unnamed ×2" for samples without X-FEServer). */
export function frontEndTally(readings: readonly SampleReading[]): string {
  const counts = new Map<string, number>();
  for (const reading of readings) counts.set(reading.frontEnd ?? 'unnamed', (counts.get(reading.frontEnd ?? 'unnamed') ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ×${count}`).join(', ') || 'none';
}
