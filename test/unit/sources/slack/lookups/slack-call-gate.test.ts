// The gate in front of every Web API call: backoff per method and workspace after a 429 (at
// least Retry-After, doubling while Slack keeps answering 429) or a network error, one probe
// when the wait is over, a cap on calls in flight, and "Slack is slow" for callers on a
// deadline. Fake timers: the clock is the test's.
import { ErrorCode } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../../src/logger';
import { Deadline } from '../../../../../src/sources/slack/lookups/deadline';
import { MAX_IN_FLIGHT, SLOW_CALL_MS, SlackCallGate, type Answer } from '../../../../../src/sources/slack/lookups/slack-call-gate';

const logger = createLogger('silent');

const rateLimited = (retryAfter: number) => Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter });
const unreachable = () => Object.assign(new Error('connect ECONNREFUSED'), { code: ErrorCode.RequestError });
const platformError = (error: string) => Object.assign(new Error(error), { code: ErrorCode.PlatformError, data: { ok: false, error } });

/** A fake Slack method: answers as `answer` says at the moment of each call, after `delayMs`. */
function fakeSlack(answer: (call: number) => 'ok' | Error, delayMs = 0) {
  const calls: number[] = [];
  const fn = async () => {
    calls.push(Date.now());
    const outcome = answer(calls.length);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { calls, fn };
}

/** Tracks when a promise settled (on the fake clock). */
function track<T>(promise: Promise<T>) {
  const t = { done: false, at: -1, value: undefined as T | undefined };
  void promise.then((value) => Object.assign(t, { done: true, at: Date.now(), value }));
  return t;
}

describe('SlackCallGate', () => {
  let gate: SlackCallGate;
  let t0: number;
  beforeEach(() => {
    vi.useFakeTimers();
    t0 = Date.now();
    gate = new SlackCallGate({ logger });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const ask = (slack: ReturnType<typeof fakeSlack>, patience: Parameters<SlackCallGate['ask']>[3], workspace = 'T1', method = 'users.info') =>
    gate.ask(workspace, method, () => gate.call(workspace, method, slack.fn), patience);

  it('after a 429 with Retry-After, no call of that method for that workspace goes out until it passed; other methods and workspaces are not held', async () => {
    const slack = fakeSlack((n) => (n === 1 ? rateLimited(2) : 'ok'));
    const background = { signal: new AbortController().signal };
    const first = track(ask(slack, background));
    await vi.advanceTimersByTimeAsync(0);
    expect(slack.calls).toHaveLength(1);
    expect(gate.reopensAt('T1', 'users.info')).toBe(t0 + 2000);

    const other = fakeSlack(() => 'ok');
    expect(await ask(other, {}, 'T1', 'conversations.info')).toEqual({ ok: true, value: 'ok' });
    expect(await ask(other, {}, 'T2', 'users.info')).toEqual({ ok: true, value: 'ok' });

    await vi.advanceTimersByTimeAsync(1999);
    expect(slack.calls).toHaveLength(1);
    expect(first.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(slack.calls).toEqual([t0, t0 + 2000]);
    expect(first).toMatchObject({ done: true, value: { ok: true, value: 'ok' } });
  });

  it('a 429 storm becomes a handful of calls: one probe per wait, the wait doubling while Slack keeps answering 429', async () => {
    const stormEnds = t0 + 30_000;
    const slack = fakeSlack(() => (Date.now() < stormEnds ? rateLimited(1) : 'ok'));
    const background = { signal: new AbortController().signal };
    // 200 members looked up at once, all waiting in the background (the label filler).
    const asks = Array.from({ length: 200 }, () => track(ask(slack, background)));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asks.every((a) => a.done && (a.value as Answer<string>).ok)).toBe(true);
    const during = slack.calls.filter((at) => at < stormEnds).map((at) => at - t0);
    // The first MAX_IN_FLIGHT went together (before the first 429 came back), then one probe
    // after each wait: 1, 2, 4, 8, 16 s.
    expect(during).toEqual([...Array<number>(MAX_IN_FLIGHT).fill(0), 1000, 3000, 7000, 15_000]);
    // The probe after the storm succeeds, and everyone else goes (at most MAX_IN_FLIGHT at a time).
    expect(slack.calls.filter((at) => at >= stormEnds)).toHaveLength(200);
  });

  it('calls in flight at once are capped per method and workspace', async () => {
    const slack = fakeSlack(() => 'ok', 100);
    let inFlight = 0;
    let most = 0;
    const fn = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await slack.fn();
      } finally {
        inFlight--;
      }
    };
    const background = { signal: new AbortController().signal };
    const asks = Array.from({ length: 30 }, () => gate.ask('T1', 'users.info', () => gate.call('T1', 'users.info', fn), background));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await Promise.all(asks)).every((a) => a.ok)).toBe(true);
    expect(most).toBe(MAX_IN_FLIGHT);
  });

  it('a caller on a deadline gives up at once when the gate reopens only after its deadline, and waits when it reopens before (not an event)', async () => {
    const slack = fakeSlack((n) => (n === 1 ? rateLimited(1) : 'ok'));
    await ask(slack, {});
    expect(slack.calls).toHaveLength(1);

    const hopeless = track(ask(slack, { deadline: Deadline.after(800) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(hopeless).toMatchObject({ done: true, at: t0, value: { ok: false } });

    // An event (failFast) does not wait for a backoff at all, even one ending before its deadline.
    const event = track(ask(slack, { deadline: Deadline.after(1500), failFast: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(event).toMatchObject({ done: true, at: t0, value: { ok: false } });

    const patient = track(ask(slack, { deadline: Deadline.after(1500) }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(patient).toMatchObject({ done: true, at: t0 + 1000, value: { ok: true, value: 'ok' } });
    expect(slack.calls).toHaveLength(2);
  });

  it('callers joining one call each wait only as long as their own deadline; the call still completes for the others', async () => {
    let answer: (value: string) => void = () => undefined;
    const shared = new Promise<string>((resolve) => (answer = resolve));
    const start = () => shared;
    const early = track(gate.ask('T1', 'users.info', start, { deadline: Deadline.after(300) }));
    const late = track(gate.ask('T1', 'users.info', start, { deadline: Deadline.after(900) }));
    const background = track(gate.ask('T1', 'users.info', start, { signal: new AbortController().signal }));
    await vi.advanceTimersByTimeAsync(300);
    expect(early).toMatchObject({ done: true, at: t0 + 300, value: { ok: false } });
    await vi.advanceTimersByTimeAsync(600);
    expect(late).toMatchObject({ done: true, at: t0 + 900, value: { ok: false } });
    answer('Ana');
    await vi.advanceTimersByTimeAsync(0);
    expect(background).toMatchObject({ done: true, value: { ok: true, value: 'Ana' } });
  });

  it('a call unanswered after SLOW_CALL_MS marks Slack slow: events (failFast) stop waiting at once, until a call is answered in time', async () => {
    const slow = fakeSlack(() => 'ok', 5000);
    const event = { deadline: Deadline.after(2500), failFast: true };
    const waiting = track(ask(slow, event));
    const onAnotherMethod = track(ask(fakeSlack(() => 'ok', 5000), event, 'T1', 'conversations.info'));
    // Not an event (browsing after the ack): waits until its own deadline.
    const browsing = track(ask(fakeSlack(() => 'ok', 5000), { deadline: Deadline.after(2500) }, 'T1', 'users.conversations'));
    await vi.advanceTimersByTimeAsync(SLOW_CALL_MS);
    expect(gate.isSlow('T1')).toBe(true);
    expect(waiting).toMatchObject({ done: true, at: t0 + SLOW_CALL_MS, value: { ok: false } });
    expect(onAnotherMethod).toMatchObject({ done: true, at: t0 + SLOW_CALL_MS, value: { ok: false } });
    expect(browsing.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(browsing).toMatchObject({ done: true, at: t0 + 2500, value: { ok: false } });

    // While slow, an event does not even ask; the background still does, and notices Slack is back.
    const fast = fakeSlack(() => 'ok');
    expect(await ask(fast, { deadline: Deadline.after(2500), failFast: true })).toEqual({ ok: false });
    expect(fast.calls).toHaveLength(0);
    expect(gate.isSlow('T2')).toBe(false);
    expect(await ask(fast, { signal: new AbortController().signal })).toEqual({ ok: true, value: 'ok' });
    expect(gate.isSlow('T1')).toBe(false);
    expect(await ask(fast, { deadline: Deadline.after(2500), failFast: true })).toEqual({ ok: true, value: 'ok' });
  });

  it('network errors back off too (1 s, doubling): an unreachable Slack is not asked in a loop', async () => {
    const reachableAt = t0 + 10_000;
    const slack = fakeSlack(() => (Date.now() < reachableAt ? unreachable() : 'ok'));
    const background = track(ask(slack, { signal: new AbortController().signal }));
    const events = Array.from({ length: 50 }, (_, i) => i * 200).map(async (at) => {
      await new Promise((resolve) => setTimeout(resolve, at));
      return ask(slack, { deadline: Deadline.after(800), failFast: true });
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await Promise.all(events)).filter((a) => a.ok).length).toBe(0);
    expect(slack.calls.map((at) => at - t0)).toEqual([0, 1000, 3000, 7000, 15_000]);
    expect(background).toMatchObject({ done: true, value: { ok: true } });
  });

  it('an answer from Slack, even an error one, reopens the gate; it is not retried', async () => {
    const slack = fakeSlack((n) => (n === 1 ? rateLimited(1) : platformError('user_not_found')));
    await ask(slack, {});
    const answer = await (async () => {
      const pending = ask(slack, { signal: new AbortController().signal });
      await vi.advanceTimersByTimeAsync(1000);
      return pending;
    })();
    expect(answer).toMatchObject({ ok: false, error: { data: { error: 'user_not_found' } } });
    expect(slack.calls).toHaveLength(2);
    expect(gate.reopensAt('T1', 'users.info')).toBe(0);
  });

  it('a best-effort refresh (no deadline, no signal) is one try when the gate is open now, none while it is closed or Slack is slow', async () => {
    const limited = fakeSlack((n) => (n === 1 ? rateLimited(5) : 'ok'));
    await ask(limited, {});
    const refresh = track(ask(limited, { failFast: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toMatchObject({ done: true, at: t0, value: { ok: false } });
    expect(limited.calls).toHaveLength(1);

    const slow = fakeSlack(() => 'ok', 5000);
    void ask(slow, {}, 'T2');
    await vi.advanceTimersByTimeAsync(SLOW_CALL_MS);
    const other = fakeSlack(() => 'ok');
    expect(await ask(other, { failFast: true }, 'T2', 'conversations.info')).toEqual({ ok: false });
    expect(other.calls).toHaveLength(0);
  });

  it('a background wait ends when its signal aborts (the app stopping)', async () => {
    const slack = fakeSlack(() => rateLimited(30));
    await ask(slack, {});
    const stop = new AbortController();
    const waiting = track(ask(slack, { signal: stop.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(waiting.done).toBe(false);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting).toMatchObject({ done: true, value: { ok: false } });
    expect(slack.calls).toHaveLength(1);
  });
});
