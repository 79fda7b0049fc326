import { PollBackoff } from '../lib/afi/backoff';
import { sleep } from '../lib/afi/sleep';

describe('PollBackoff', () => {
  const middle = () => 0.5;

  it('starts at the initial delay and grows by half each poll up to the cap', () => {
    const backoff = new PollBackoff({ initialMs: 100, maxMs: 300 }, middle);
    expect([1, 2, 3, 4, 5].map(() => backoff.next(false))).toEqual([100, 150, 225, 300, 300]);
  });

  it('jitters each delay by up to 20% either way', () => {
    expect(new PollBackoff({ initialMs: 1000, maxMs: 1000 }, () => 0).next(false)).toBe(800);
    expect(new PollBackoff({ initialMs: 1000, maxMs: 1000 }, () => 0.999999).next(false)).toBe(1200);
  });

  it('doubles the delay after a throttled poll, past the cap up to four times it', () => {
    const backoff = new PollBackoff({ initialMs: 100, maxMs: 300 }, middle);
    expect([1, 2, 3, 4, 5].map(() => backoff.next(true))).toEqual([200, 400, 800, 1200, 1200]);
  });

  it('throttles even when the initial delay already is the cap', () => {
    const backoff = new PollBackoff({ initialMs: 300, maxMs: 300 }, middle);
    expect(backoff.next(true)).toBe(600);
  });

  it('returns to the cap once throttling stops', () => {
    const backoff = new PollBackoff({ initialMs: 100, maxMs: 300 }, middle);
    backoff.next(true);
    backoff.next(true);
    backoff.next(true);
    expect([backoff.next(false), backoff.next(false)]).toEqual([800, 300]);
  });
});

describe('sleep', () => {
  const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

  it('resolves after the delay', async () => {
    const startedAt = performance.now();
    await sleep(20);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(19);
  });

  it('rejects with the abort reason and clears its timer', async () => {
    const before = timers();
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort('stop');
    await expect(sleeping).rejects.toBe('stop');
    expect(timers()).toBe(before);
  });

  it('rejects at once for a signal already aborted', async () => {
    const before = timers();
    await expect(sleep(60_000, AbortSignal.abort('early'))).rejects.toBe('early');
    expect(timers()).toBe(before);
  });
});
