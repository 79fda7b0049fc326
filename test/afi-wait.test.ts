import { AfiFailedError, AfiNotFoundError, AfiWaitTimeoutError, waitForAfi, type AfiWaitProgress } from '../lib/afi';
import { fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, jobsFinished } from './fake-aws/scenarios';

const JOB_MS = 40;
const FAST = { intervalMs: 5, maxIntervalMs: 20 } as const;

describe('waitForAfi', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());
  afterEach(() => jest.restoreAllMocks());

  it('resolves with the description once the AFI is available, reporting progress after each poll', async () => {
    const { afiId, agfiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'pending' });
    await jobsFinished(JOB_MS);
    const progress: AfiWaitProgress[] = [];
    const onProgress = (report: AfiWaitProgress) => {
      if (progress.push(report) === 2) fake().images.force(afiId, undefined);
    };
    const afi = await waitForAfi(afiId, { ...aws(), ...FAST, onProgress });

    expect(afi).toMatchObject({ afiId, agfiId, state: 'available' });
    expect(progress).toHaveLength(3);
    expect(progress.map((report) => report.attempt)).toEqual(progress.map((_report, index) => index + 1));
    expect(progress.slice(0, -1).every((report) => report.state === 'pending')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'available' });
    const elapsed = progress.map((report) => report.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(elapsed.at(-1)).toBeGreaterThan(elapsed[0]);
  });

  it('rejects with the failure reason when generation fails', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'timing not met' });
    const error = await waitForAfi(afiId, { ...aws(), ...FAST }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AfiFailedError);
    expect(error).toMatchObject({ afiId, state: 'failed', reason: 'timing not met', afi: { afiId, state: 'failed' } });
    expect((error as Error).message).toBe(`${afiId} is failed: timing not met`);
  });

  it('rejects when the AFI becomes unavailable', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'unavailable', message: 'withdrawn' });
    await expect(waitForAfi(afiId, { ...aws(), ...FAST })).rejects.toMatchObject({ name: 'AfiFailedError', state: 'unavailable', reason: 'withdrawn' });
  });

  it('rejects at once for an unknown AFI', async () => {
    await expect(waitForAfi('afi-00000000000000000', { ...aws(), ...FAST })).rejects.toBeInstanceOf(AfiNotFoundError);
  });

  it('times out with the last state seen, polling once more at the deadline', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'pending' });
    const startedAt = performance.now();
    const error = await waitForAfi(afiId, { ...aws(), timeoutMs: 50, intervalMs: 30, maxIntervalMs: 30 }).catch((caught: unknown) => caught);
    const elapsed = performance.now() - startedAt;

    expect(error).toBeInstanceOf(AfiWaitTimeoutError);
    expect(error).toMatchObject({ afiId, timeoutMs: 50, lastState: 'pending' });
    expect((error as Error).message).toBe(`${afiId} was still pending after waiting 50 ms`);
    expect(elapsed).toBeGreaterThanOrEqual(49);
    expect(elapsed).toBeLessThan(1000);
  });

  it('stops polling and clears its timer as soon as the signal aborts, rejecting with the signal\'s reason', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'pending' });
    const controller = new AbortController();
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    const clearTimeoutSpy = jest.spyOn(global, 'clearTimeout');
    let polls = 0;

    const waiting = waitForAfi(afiId, {
      ...aws(),
      intervalMs: 60_000,
      signal: controller.signal,
      onProgress: () => {
        polls += 1;
        setImmediate(() => controller.abort());
      },
    });
    const error = await waiting.catch((caught: unknown) => caught);

    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(polls).toBe(1);
    // The one timer for the next poll (60 s less jitter) was cleared by the abort.
    const pollTimers = setTimeoutSpy.mock.calls.flatMap(([, ms], index) => ((ms ?? 0) >= 48_000 ? [setTimeoutSpy.mock.results[index].value] : []));
    expect(pollTimers).toHaveLength(1);
    expect(clearTimeoutSpy).toHaveBeenCalledWith(pollTimers[0]);
  });

  it('rejects with a custom abort reason', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'pending' });
    const reason = new Error('user pressed Ctrl-C');
    const controller = new AbortController();
    const waiting = waitForAfi(afiId, {
      ...aws(),
      intervalMs: 60_000,
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(waiting).rejects.toBe(reason);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    const requestsBefore = fake().ec2.requests.length;
    await expect(waitForAfi(afiId, { ...aws(), signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake().ec2.requests).toHaveLength(requestsBefore);
  });

  it('aborts a poll in flight', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().ec2.latencyMs = 1000;
    try {
      const startedAt = performance.now();
      const waiting = waitForAfi(afiId, { ...aws(), ...FAST, signal: AbortSignal.timeout(20) });
      await expect(waiting).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(performance.now() - startedAt).toBeLessThan(800);
    } finally {
      fake().ec2.latencyMs = 0;
    }
  });

  it('backs off further when EC2 throttles, instead of failing', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().ec2.throttleNext(3);
    const progress: AfiWaitProgress[] = [];

    const afi = await waitForAfi(afiId, { ...aws(), intervalMs: 10, maxIntervalMs: 20, onProgress: (report) => progress.push(report) });

    expect(afi.state).toBe('available');
    expect(progress[0].attempt).toBe(4);
    const polls = fake().ec2.requestsFor('DescribeFpgaImages').filter((request) => request.params['FpgaImageId.1'] === afiId);
    const arrivals = polls.map((request) => request.at);
    const waitsAfterThrottling = arrivals.slice(1, 4).map((at, index) => at - arrivals[index]);
    // Doubling from 10 ms: about 20, 40 and 80 ms, less at most 20% jitter; regular growth would total 45 ms.
    expect(waitsAfterThrottling.reduce((sum, wait) => sum + wait, 0)).toBeGreaterThanOrEqual(0.8 * (20 + 40 + 80) - 3);
  });

  it('times out while throttled without ever seeing a state', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().ec2.throttleNext(1000);
    try {
      await expect(waitForAfi(afiId, { ...aws(), timeoutMs: 40, ...FAST })).rejects.toMatchObject({
        name: 'AfiWaitTimeoutError',
        lastState: undefined,
        message: `${afiId} was still not described after waiting 40 ms`,
      });
    } finally {
      fake().ec2.throttleNext(0);
    }
  });

  it('fails on errors other than throttling', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.delete('us-west-2', afiId);
    await expect(waitForAfi(afiId, { ...aws(), ...FAST })).rejects.toMatchObject({ name: 'AfiNotFoundError', id: afiId });
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs must be a positive number of milliseconds or Infinity, got 0'],
    [{ intervalMs: Number.NaN }, 'intervalMs must be a positive, finite number of milliseconds, got NaN'],
    [{ intervalMs: Infinity }, 'intervalMs must be a positive, finite number of milliseconds, got Infinity'],
    [{ intervalMs: 50, maxIntervalMs: 10 }, 'maxIntervalMs (10) must not be smaller than intervalMs (50)'],
  ])('rejects bad timing %p', async (timing, message) => {
    await expect(waitForAfi('afi-00000000000000000', { ...aws(), ...timing })).rejects.toThrow(new RangeError(message));
  });

  it('accepts an infinite timeout', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    await expect(waitForAfi(afiId, { ...aws(), ...FAST, timeoutMs: Infinity })).resolves.toMatchObject({ state: 'available' });
  });
});
