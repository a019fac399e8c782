import { describe, expect, it } from 'vitest';
import { PendingQueue, QUEUED } from './pending-queue.ts';

class NetworkDown extends Error {}
class Refused extends Error {}

/** A queue with a switchable connection, and a "server" that records every attempt by key. */
function setup() {
  let online = true;
  let n = 0;
  const attempts: string[] = [];
  const applied = new Set<string>();
  const queue = new PendingQueue({
    isOnline: () => online,
    isNetworkError: (e) => e instanceof NetworkDown,
    reasonOf: (e) => (e as Error).message,
    newKey: () => `key-${++n}`,
  });
  const server = (name: string, answer: 'ok' | 'down' | 'refuse' = 'ok') => ({
    describe: () => name,
    run: async (key: string) => {
      attempts.push(`${name}:${key}`);
      if (answer === 'down') throw new NetworkDown('down');
      if (answer === 'refuse') throw new Refused(`someone else did ${name}`);
      applied.add(key);
      return name;
    },
  });
  return { queue, server, attempts, applied, setOnline: (v: boolean) => (online = v) };
}

describe('the offline queue', () => {
  it('online: sends at once and answers with the result, keeping nothing', async () => {
    const { queue, server } = setup();
    expect(await queue.perform(server('verify'))).toBe('verify');
    expect(queue.list()).toEqual([]);
  });

  it('offline: keeps the action without trying, then sends it once with the key it got when taken', async () => {
    const { queue, server, attempts, setOnline } = setup();
    setOnline(false);
    const confirmed: string[] = [];
    expect(await queue.perform({ ...server('dispatch'), onConfirmed: (r) => confirmed.push(r) })).toBe(QUEUED);
    expect(attempts).toEqual([]);
    expect(queue.list().map((a) => [a.describe(), a.state])).toEqual([['dispatch', 'pending']]);
    await queue.flush();
    expect(attempts).toEqual([]);
    setOnline(true);
    await queue.flush();
    expect(attempts).toEqual(['dispatch:key-1']);
    expect(confirmed).toEqual(['dispatch']);
    expect(queue.list()[0].state).toBe('confirmed');
    expect(queue.waitingCount()).toBe(0);
  });

  it('a network failure keeps the action, and every retry carries the same key', async () => {
    const { queue, attempts } = setup();
    let down = true;
    const spec = {
      describe: () => 'arrive',
      run: async (key: string) => {
        attempts.push(key);
        if (down) throw new NetworkDown('down');
        return 'ok';
      },
    };
    expect(await queue.perform(spec)).toBe(QUEUED);
    await queue.flush();
    down = false;
    await queue.flush();
    expect(attempts).toEqual(['key-1', 'key-1', 'key-1']);
    expect(queue.list()[0].state).toBe('confirmed');
  });

  it('replays in the order taken, and stops at the first that still cannot get through', async () => {
    const { queue, server, attempts, setOnline } = setup();
    setOnline(false);
    await queue.perform(server('first'));
    await queue.perform(server('second'));
    setOnline(true);
    await queue.flush();
    expect(attempts).toEqual(['first:key-1', 'second:key-2']);

    const again = setup();
    again.setOnline(false);
    await again.queue.perform(again.server('first', 'down'));
    await again.queue.perform(again.server('second'));
    again.setOnline(true);
    await again.queue.flush();
    expect(again.attempts).toEqual(['first:key-1']);
    expect(again.queue.list().map((a) => a.state)).toEqual(['pending', 'pending']);
  });

  it('a refused replay is shown with its reason, dropped from the waiting line, and the rest still go', async () => {
    const { queue, server, attempts, setOnline } = setup();
    setOnline(false);
    const refusals: unknown[] = [];
    await queue.perform({ ...server('dispatch', 'refuse'), onRefused: (e) => refusals.push(e) });
    await queue.perform(server('note'));
    setOnline(true);
    await queue.flush();
    expect(attempts).toEqual(['dispatch:key-1', 'note:key-2']);
    expect(refusals).toHaveLength(1);
    expect(queue.list().map((a) => [a.state, a.reason])).toEqual([
      ['refused', 'someone else did dispatch'],
      ['confirmed', undefined],
    ]);
    await queue.flush();
    expect(attempts).toHaveLength(2);
    queue.dismiss(queue.list()[0].id);
    expect(queue.list().map((a) => a.describe())).toEqual(['note']);
  });

  it('online again while older actions wait: a new one goes behind them, not ahead', async () => {
    const { queue, server, attempts, setOnline } = setup();
    setOnline(false);
    await queue.perform(server('older'));
    setOnline(true);
    expect(await queue.perform(server('newer'))).toBe(QUEUED);
    await queue.flush();
    expect(attempts).toEqual(['older:key-1', 'newer:key-2']);
  });

  it('an HTTP refusal of an action sent at once is the caller’s to show, not queued', async () => {
    const { queue, server } = setup();
    await expect(queue.perform(server('verify', 'refuse'))).rejects.toBeInstanceOf(Refused);
    expect(queue.list()).toEqual([]);
  });

  it('a pending action cannot be dismissed: it is never dropped unsent', async () => {
    const { queue, server, setOnline } = setup();
    setOnline(false);
    await queue.perform(server('verify'));
    queue.dismiss(queue.list()[0].id);
    expect(queue.list()).toHaveLength(1);
  });
});
