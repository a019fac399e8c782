import { DateTime } from 'luxon';

const HOUR = 3_600_000;
const cache = new Map<string, string>();

function fmtOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
}

/**
 * A VTIMEZONE block (RFC 5545 §3.6.5) for an IANA zone over some years, built from the
 * zone's real transitions (luxon's tz data): one STANDARD or DAYLIGHT observance per
 * change. ical-generator needs one to emit TZID'd times that strict clients accept.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const key = `${zone}:${fromYear}:${toYear}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const at = (t: number) => DateTime.fromMillis(t, { zone });
  const observances: string[] = [];
  const observance = (t: number, from: number, to: number, dst: boolean) => {
    // DTSTART is the onset in the local time that was in force before it.
    const local = DateTime.fromMillis(t, { zone: 'UTC' }).plus({ minutes: from }).toFormat("yyyyLLdd'T'HHmmss");
    const kind = dst ? 'DAYLIGHT' : 'STANDARD';
    observances.push(
      `BEGIN:${kind}\r\nDTSTART:${local}\r\nTZOFFSETFROM:${fmtOffset(from)}\r\nTZOFFSETTO:${fmtOffset(to)}\r\nEND:${kind}`,
    );
  };
  let prev = at(start);
  observance(start, prev.offset, prev.offset, prev.isInDST);
  for (let t = start + HOUR; t < end; t += HOUR) {
    const cur = at(t);
    if (cur.offset !== prev.offset) observance(t, prev.offset, cur.offset, cur.isInDST);
    prev = cur;
  }
  const block = `BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n${observances.join('\r\n')}\r\nEND:VTIMEZONE`;
  cache.set(key, block);
  return block;
}
