import { latLngToCell } from 'h3-js';
import type { Deps } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { HORIZON_DAYS, materialize } from '../modules/shifts/shifts.service.ts';
import type { DemoIds } from './demo-seed.ts';

const DAY = 86_400_000;

/** Demo sites: public places across the demo organizations, each with a recurring watch shift. */
const SITES = [
  {
    org: 'nonprofit',
    name: 'Lincoln Elementary School',
    kind: 'school',
    address: '2131 12th Ave S, Minneapolis',
    lat: 44.9607,
    lng: -93.2576,
    languages: ['es', 'so'],
    notes: 'Stand at the east gate on 12th Ave. Front office: ask for the family liaison.',
    shift: {
      title: 'School drop-off',
      start: '07:30',
      end: '08:30',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      slots: [
        { label: 'Watch at the gate', people: 2, course: null },
        { label: 'Legal observer', people: 1, course: 'legal-observer' },
      ],
    },
  },
  {
    org: 'mosque',
    name: 'Masjid An-Nur',
    kind: 'mosque',
    address: '1729 Lyndale Ave N, Minneapolis',
    lat: 44.9987,
    lng: -93.2886,
    languages: ['so', 'ar'],
    notes: 'Watch the parking lot on Lyndale. The imam’s assistant coordinates on site.',
    shift: {
      title: 'Friday prayer',
      start: '12:30',
      end: '14:30',
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      slots: [{ label: 'Parking lot watch', people: 3, course: null }],
    },
  },
  {
    org: 'church',
    name: "St. Stephen's Church",
    kind: 'church',
    address: '2201 Clinton Ave S, Minneapolis',
    lat: 44.9614,
    lng: -93.2708,
    languages: ['es', 'hmn'],
    notes: 'Main doors on Clinton Ave. Coffee in the basement afterwards.',
    shift: {
      title: 'Sunday Mass',
      start: '09:30',
      end: '12:00',
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
      slots: [{ label: 'Door watch', people: 2, course: null }],
    },
  },
  {
    org: 'nonprofit',
    name: 'Hennepin County Government Center',
    kind: 'courthouse',
    address: '300 S 6th St, Minneapolis',
    lat: 44.9772,
    lng: -93.2654,
    languages: ['es'],
    notes: 'Immigration hearings on the 12th floor. Meet in the public atrium.',
    shift: {
      title: 'Courthouse watch',
      start: '08:00',
      end: '12:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      slots: [
        { label: 'Legal observer', people: 1, course: 'legal-observer' },
        { label: 'Accompaniment', people: 2, course: null },
      ],
    },
  },
  {
    org: 'union',
    name: 'Midway Distribution Center',
    kind: 'workplace',
    address: '1500 University Ave W, St. Paul',
    lat: 44.9557,
    lng: -93.1672,
    languages: ['es', 'hmn'],
    notes: 'Shift change at the south loading dock. The steward is Sam.',
    shift: {
      title: 'Early shift change',
      start: '05:30',
      end: '07:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
      slots: [{ label: 'Dock watch', people: 2, course: null }],
    },
  },
] as const;

/** Demo data for the shifts module, seeded once with the demo network (after training's courses). */
export async function seedShiftsDemo(deps: Deps, ids: DemoIds): Promise<void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const network = await db.selectFrom('networks').select('time_zone').where('id', '=', ids.networkId).executeTakeFirstOrThrow();
  const courses = new Map(
    (await db.selectFrom('training_courses').select(['id', 'key']).where('network_id', '=', ids.networkId).execute()).map((c) => [
      c.key,
      c.id,
    ]),
  );
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: network.time_zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  for (const s of SITES) {
    const siteId = newId();
    const seriesId = newId();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sites')
        .values({
          id: siteId,
          network_id: ids.networkId,
          organization_id: ids.orgIds.get(s.org)!,
          name: s.name,
          kind: s.kind,
          address: s.address,
          lat: s.lat,
          lng: s.lng,
          cell: latLngToCell(s.lat, s.lng, 8),
          sharing: 'network',
          notes_enc: deps.keyring.sealed ? null : deps.keyring.encrypt('contact', s.notes),
          languages: JSON.stringify(s.languages),
          created_at: nowIso,
          updated_at: nowIso,
        })
        .execute();
      const series = {
        id: seriesId,
        networkId: ids.networkId,
        siteId,
        startDate: today,
        startTime: s.shift.start,
        endTime: s.shift.end,
        rrule: s.shift.rrule,
        exceptions: [],
      };
      await trx
        .insertInto('shift_series')
        .values({
          id: seriesId,
          network_id: ids.networkId,
          site_id: siteId,
          title: s.shift.title,
          start_date: today,
          start_time: s.shift.start,
          end_time: s.shift.end,
          rrule: s.shift.rrule,
          exceptions: '[]',
          cancel_cutoff_hours: 12,
          no_show_grace_minutes: 15,
          reminder_minutes: '[1440,60]',
          materialized_until: nowIso,
          created_by: ids.adminId,
          created_at: nowIso,
        })
        .execute();
      await trx
        .insertInto('shift_slots')
        .values(
          s.shift.slots.map((sl, position) => ({
            id: newId(),
            series_id: seriesId,
            network_id: ids.networkId,
            position,
            label: sl.label,
            people_needed: sl.people,
            course_id: sl.course ? (courses.get(sl.course) ?? null) : null,
          })),
        )
        .execute();
      await materialize(
        trx,
        series,
        network.time_zone,
        new Date(now.getTime() - DAY),
        new Date(now.getTime() + HORIZON_DAYS * DAY),
      );
    });
  }
}
