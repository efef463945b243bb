// Pacing of front-end samples, on fake timers: the delays order the samples' answers deterministically, never
// by racing the machine's real clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeSamples } from '../../src/collectors/https/sample-pacing.js';
import type { FrontEndSample } from '../../src/inventory/artifacts.js';
import { failedSample, sample } from '../support/front-end-samples.js';

const answered = (feServer: string): FrontEndSample => sample({ feServer, owaVersion: '15.2.2562.17', apiStatus: 401, owaStatus: 302 });
const failed = failedSample;
const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** A sampler that records how many samples were in flight, answering the n-th call with `answer(n)` after `delay(n)` ms. */
function sampler(answer: (call: number) => FrontEndSample, delay: (call: number) => number = (call) => 1 + ((call * 7) % 5)) {
  const record = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const takeOne = async () => {
    const call = record.calls++;
    record.inFlight++;
    record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
    await pause(delay(call));
    record.inFlight--;
    return answer(call);
  };
  return { record, takeOne };
}

/** Runs `takeSamples` with every timer it waits for advanced on the fake clock. */
async function paced(...args: Parameters<typeof takeSamples>): Promise<FrontEndSample[]> {
  const samples = takeSamples(...args);
  await vi.runAllTimersAsync();
  return samples;
}

describe('front-end samples of one address, a few at a time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes every sample, never more than inFlight at once, in the order they were started', async () => {
    const { record, takeOne } = sampler((call) => answered(`FE${call}`));
    const samples = await paced(12, 3, takeOne);
    expect(samples.map((sample) => sample.feServer)).toEqual(Array.from({ length: 12 }, (_, i) => `FE${i}`));
    expect(record).toMatchObject({ calls: 12, inFlight: 0, maxInFlight: 3 });
  });

  it('takes them all at once when inFlight is at least the count', async () => {
    const { record, takeOne } = sampler((call) => answered(`FE${call}`));
    await paced(4, 12, takeOne);
    expect(record.maxInFlight).toBe(4);
  });

  it('starts no further sample once one timed out, and records the rest as not sent with that reason', async () => {
    const timeout = { code: 'UND_ERR_HEADERS_TIMEOUT', message: '/owa/: Headers Timeout Error' };
    const { record, takeOne } = sampler(
      (call) => (call === 1 ? failed(timeout) : answered('FE')),
      (call) => (call === 1 ? 1 : 30),
    );
    const samples = await paced(12, 2, takeOne);
    // Sample 1 times out while sample 0 is still in flight: sample 0 is kept, and nothing else starts.
    expect(record.calls).toBe(2);
    expect(samples).toHaveLength(12);
    expect(samples[0]).toEqual(answered('FE'));
    expect(samples[1]!.error).toEqual(timeout);
    expect(samples.slice(2)).toEqual(
      Array.from({ length: 10 }, () =>
        failed({
          code: 'UND_ERR_HEADERS_TIMEOUT',
          message: 'not sent: an earlier sample of this address timed out (/owa/: Headers Timeout Error)',
        }),
      ),
    );
  });

  it('goes on after errors that come back at once (a reset member of a pool costs no time)', async () => {
    const reset = { code: 'ECONNRESET', message: 'socket hang up' };
    const { record, takeOne } = sampler((call) => (call % 2 === 0 ? failed(reset) : answered('FE')));
    const samples = await paced(6, 3, takeOne);
    expect(record.calls).toBe(6);
    expect(samples.map((sample) => sample.error?.code ?? 'ok')).toEqual(['ECONNRESET', 'ok', 'ECONNRESET', 'ok', 'ECONNRESET', 'ok']);
  });
});
