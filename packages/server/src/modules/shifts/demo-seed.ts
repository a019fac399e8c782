import { latLngToCell } from 'h3-js';
import type { Deps } from '../../platform/context.ts';
import type { SensitiveSeed } from '../../platform/crypto/plain-columns.ts';
import { newId } from '../../platform/ids.ts';
import { findNetworkById } from '../networks/index.ts';
import { listCourses } from '../training/index.ts';
import * as seriesRepo from './series.repository.ts';
import { HORIZON_DAYS, materialize } from './shifts.service.ts';
import { SITE_CELL_RES } from './sites.service.ts';
import * as sitesRepo from './sites.repository.ts';

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

/** The demo sites' addresses, notes and points: what the cold-copy test looks for on a stopped disk. */
export function shiftsDemoSensitive(): SensitiveSeed {
  return {
    texts: SITES.flatMap((s) => [
      { kind: 'address' as const, value: s.address },
      { kind: 'note' as const, value: s.notes },
    ]),
    points: SITES.map((s) => ({ lat: s.lat, lng: s.lng })),
  };
}

/** What the shifts demo builds on: the demo network, its admin and its organizations by key. */
export interface ShiftsDemoIds {
  networkId: string;
  adminId: string;
  /** Organization ids by key: union, mosque, church, nonprofit, block. */
  orgIds: Map<string, string>;
}

/** Demo data for the shifts module, seeded once with the demo network (after training's courses). */
export async function seedShiftsDemo(deps: Deps, ids: ShiftsDemoIds): Promise<void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const network = (await findNetworkById(db, ids.networkId))!;
  // Slots that need a certification name the course by its key; training owns the courses.
  const courses = new Map((await listCourses(db, ids.networkId)).map((c) => [c.key, c.id]));
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: network.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  for (const s of SITES) {
    const siteId = newId();
    const seriesId = newId();
    await db.transaction().execute(async (trx) => {
      await sitesRepo.insertSite(
        trx,
        deps.keyring,
        ids.networkId,
        siteId,
        {
          organizationId: ids.orgIds.get(s.org)!,
          name: s.name,
          kind: s.kind,
          address: s.address,
          lat: s.lat,
          lng: s.lng,
          cell: latLngToCell(s.lat, s.lng, SITE_CELL_RES),
          sharing: 'network',
          notesEnc: deps.keyring.sealed ? null : deps.keyring.encrypt('contact', s.notes),
          languages: [...s.languages],
        },
        nowIso,
      );
      const series = {
        id: seriesId,
        networkId: ids.networkId,
        siteId,
        title: s.shift.title,
        startDate: today,
        startTime: s.shift.start,
        endTime: s.shift.end,
        rrule: s.shift.rrule,
        exceptions: [],
        cancelCutoffHours: 12,
        noShowGraceMinutes: 15,
        reminderMinutes: [1440, 60],
        materializedUntil: nowIso,
        createdBy: ids.adminId,
        createdAt: nowIso,
        endsBefore: null,
        continuesSeriesId: null,
      };
      await seriesRepo.insertSeries(trx, series);
      await seriesRepo.insertSlots(
        trx,
        ids.networkId,
        s.shift.slots.map((sl, position) => ({
          id: newId(),
          seriesId,
          position,
          label: sl.label,
          peopleNeeded: sl.people,
          courseId: sl.course ? (courses.get(sl.course) ?? null) : null,
        })),
      );
      await materialize(
        trx,
        series,
        network.timeZone,
        new Date(now.getTime() - DAY),
        new Date(now.getTime() + HORIZON_DAYS * DAY),
      );
    });
  }
}
