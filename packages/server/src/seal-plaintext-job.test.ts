import { describe, expect, it } from 'vitest';
import { plaintextSealer } from './seal-plaintext-job.ts';

describe('when the server looks for plaintext to seal', () => {
  const setup = () => {
    const s = { sealed: true, now: 0, passes: 0, fail: false };
    const turn = plaintextSealer({
      isSealed: () => s.sealed,
      now: () => s.now,
      pass: async () => {
        if (s.fail) throw new Error('database unavailable');
        s.passes++;
        return 1;
      },
    });
    return { s, turn };
  };

  it('not while sealed; once the key is loaded; then not every turn', async () => {
    const { s, turn } = setup();
    await turn();
    expect(s.passes).toBe(0);
    s.sealed = false;
    await turn();
    expect(s.passes).toBe(1);
    s.now += 60_000;
    await turn();
    s.now += 60_000;
    await turn();
    expect(s.passes).toBe(1);
  });

  it('again after a sealed spell (accounts made while sealed are plain), and once an hour anyway', async () => {
    const { s, turn } = setup();
    s.sealed = false;
    await turn();
    s.sealed = true;
    await turn();
    s.sealed = false;
    await turn();
    expect(s.passes).toBe(2);
    s.now += 60 * 60_000;
    await turn();
    expect(s.passes).toBe(3);
  });

  it('a pass that failed is tried again on the next turn', async () => {
    const { s, turn } = setup();
    s.sealed = false;
    s.fail = true;
    await expect(turn()).rejects.toThrow();
    s.fail = false;
    await turn();
    expect(s.passes).toBe(1);
  });
});
