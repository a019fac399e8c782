// New work never hides: incidents that arrive while the console is open are announced to
// screen readers, highlighted, counted in the tab title and (if the dispatcher asks) chimed.
import { useEffect, useRef, useState } from 'react';
import type { IncidentT } from './api.ts';

/** Statuses that need a dispatcher: what the queue puts first and the tab title counts. */
export const NEEDS_ACTION: ReadonlySet<IncidentT['status']> = new Set(['new', 'verifying']);

/** How long an arrival stays highlighted in the queue. */
const HIGHLIGHT_MS = 30_000;

/**
 * The incidents that arrived since the console loaded (not those there at first), highlighted
 * for a while; `onArrive` hears each batch once.
 */
export function useArrivals(list: IncidentT[], ready: boolean, onArrive: (fresh: IncidentT[]) => void): ReadonlySet<string> {
  const seen = useRef<Set<string> | null>(null);
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const arrive = useRef(onArrive);
  arrive.current = onArrive;
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  useEffect(() => {
    if (!ready) return;
    if (!seen.current) {
      seen.current = new Set(list.map((i) => i.id));
      return;
    }
    const known = seen.current;
    const fresh = list.filter((i) => !known.has(i.id));
    if (fresh.length === 0) return;
    for (const i of fresh) known.add(i.id);
    arrive.current(fresh);
    setHighlighted((h) => new Set([...h, ...fresh.map((i) => i.id)]));
    const ids = new Set(fresh.map((i) => i.id));
    timers.current.push(setTimeout(() => setHighlighted((h) => new Set([...h].filter((id) => !ids.has(id)))), HIGHLIGHT_MS));
  }, [list, ready]);
  return highlighted;
}

/** "(3) Dispatch · Switchboard" while three incidents need action; the old title back on leaving. */
export function useTitleCount(base: string, count: number): void {
  useEffect(() => {
    const before = document.title;
    document.title = count > 0 ? `(${count}) ${base} · Switchboard` : `${base} · Switchboard`;
    return () => {
      document.title = before;
    };
  }, [base, count]);
}

/** A short two-tone chime, made on the spot (no sound file to fetch). Silent where audio is blocked. */
export function chime(): void {
  try {
    const audio = new AudioContext();
    const tone = (freq: number, at: number) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.25);
    };
    tone(880, 0);
    tone(660, 0.18);
    setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio here: the highlight and the spoken announcement still tell.
  }
}
