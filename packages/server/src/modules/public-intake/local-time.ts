/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone. The form shows
 * and reads it in the network's time zone (a reporter and their network share a city).
 */

const pad = (n: number) => String(n).padStart(2, '0');

function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    y: Number(parts.year),
    mo: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour) % 24,
    mi: Number(parts.minute),
    s: Number(parts.second),
  };
}

/** An instant as `YYYY-MM-DDTHH:mm` in a time zone (the input's value format). */
export function toLocalInput(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** Parse `YYYY-MM-DDTHH:mm[:ss]` as wall-clock time in a time zone; undefined if it is not a real time. */
export function fromLocalInput(value: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // The zone's offset at that moment; a second pass settles times near a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - guess;
    guess = asUtc - offset;
  }
  return new Date(guess);
}
