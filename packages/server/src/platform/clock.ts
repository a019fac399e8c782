/** Time source, injected so tests can move time (retention, expiry). */
export interface Clock {
  now(): Date;
}
/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
/** A clock tests can set and advance. */
export function fakeClock(start = new Date('2026-11-29T12:00:00Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}
