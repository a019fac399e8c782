import type { IMPORT_PROBLEMS } from '@switchboard/shared';
import { parse } from 'csv-parse/sync';
import type { RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import * as certs from './certifications.repository.ts';
import { issueCertification, announceCertificationsAfterCommit } from './certify.ts';
import * as courses from './courses.repository.ts';
import { expiryOf, localDateStart } from './local-time.ts';
import { activeMembersByEmail } from './members.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/**
 * Import of past attendance typed from paper sign-in sheets. Columns (any order, header
 * row required, case-insensitive): email, course (its key or name), date (YYYY-MM-DD,
 * the day of the training in the network's zone); name is optional and only helps people
 * read the sheet. People are matched by email among the network's vouched members; an
 * unknown email is a problem, never a new person: accounts come only from invitations
 * and vouching. Any problem rejects the whole file; nothing is written.
 */

type Problem = { row: number; column: string; problem: (typeof IMPORT_PROBLEMS)[number]; value: string | null };
type Planned = { row: number; accountId: string; displayName: string; course: courses.CourseRow; date: string; issuedAt: Date };

const REQUIRED = ['email', 'course', 'date'] as const;
const MAX_ROWS = 20_000;
const MAX_CELL = 300;

/** Read and check every row; the plan is only usable when there are no problems. */
async function plan(ctx: RequestContext, network: { id: string; timeZone: string }, csv: string) {
  const problems: Problem[] = [];
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { problems: [{ row: line, column: '', problem: 'bad_csv' as const, value: null }], planned: [], already: 0, rows: 0 };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  for (const col of REQUIRED)
    if (!header.includes(col)) problems.push({ row: 1, column: col, problem: 'missing_column', value: null });
  const data = records.slice(1);
  if (data.length > MAX_ROWS) problems.push({ row: MAX_ROWS + 2, column: '', problem: 'too_many_rows', value: null });
  if (problems.length) return { problems, planned: [], already: 0, rows: data.length };

  const at = (rec: string[], col: string) => (rec[header.indexOf(col)] ?? '').trim();
  const db = ctx.deps.database.db;
  const people = await activeMembersByEmail(db, ctx.deps.keyring, network.id, [
    ...new Set(data.map((r) => at(r, 'email').toLowerCase()).filter(Boolean)),
  ]);
  const allCourses = await courses.listCourseRows(db, network.id, { includeArchived: true });
  const courseOf = (v: string) => allCourses.find((c) => c.key === v.toLowerCase() || c.name.toLowerCase() === v.toLowerCase());
  const today = ctx.deps.clock.now();
  const seen = new Set<string>();
  const planned: Planned[] = [];
  data.forEach((rec, i) => {
    const row = i + 2;
    const before = problems.length;
    const cells = Object.fromEntries(REQUIRED.map((c) => [c, at(rec, c)]));
    for (const col of REQUIRED) {
      if (!cells[col]) problems.push({ row, column: col, problem: 'missing', value: null });
      else if (cells[col].length > MAX_CELL) problems.push({ row, column: col, problem: 'too_long', value: null });
    }
    if (problems.length > before) return;
    const person = people.get(cells.email.toLowerCase());
    // An address that is not a member's is not echoed back: the report must not become a way to probe who is who.
    if (!person) problems.push({ row, column: 'email', problem: 'unknown_person', value: null });
    const course = courseOf(cells.course);
    if (!course) problems.push({ row, column: 'course', problem: 'unknown_course', value: cells.course });
    const issuedAt = localDateStart(cells.date, network.timeZone);
    if (!issuedAt) problems.push({ row, column: 'date', problem: 'bad_date', value: cells.date });
    else if (issuedAt > today) problems.push({ row, column: 'date', problem: 'future_date', value: cells.date });
    if (problems.length > before || !person || !course || !issuedAt) return;
    const key = `${person.id}|${course.id}|${cells.date}`;
    if (seen.has(key)) {
      problems.push({ row, column: 'email', problem: 'duplicate_row', value: null });
      return;
    }
    seen.add(key);
    planned.push({ row, accountId: person.id, displayName: person.displayName, course, date: cells.date, issuedAt });
  });
  const existing = await certs.existingIssues(db, network.id, [...new Set(planned.map((p) => p.accountId))]);
  const fresh = planned.filter((p) => !existing.has(`${p.accountId}|${p.course.id}|${p.issuedAt.toISOString()}`));
  return { problems, planned: fresh, already: planned.length - fresh.length, rows: data.length };
}

/** Check a file and show what it would record and every problem, row by row. Nothing is written. */
export async function previewImport(ctx: RequestContext, slug: string, csv: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['import.manage']);
  const p = await plan(ctx, network, csv);
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'training.import.preview',
    targetType: 'network',
    targetId: network.id,
    detail: { rows: p.rows, problems: p.problems.length },
  });
  return {
    acceptable: p.problems.length === 0,
    rows: p.rows,
    toImport: p.planned.map((x) => ({
      row: x.row,
      displayName: x.displayName,
      courseName: x.course.name,
      date: x.date,
      expiresAt: expiryOf(x.issuedAt, x.course.validityMonths, network.timeZone)?.toISOString() ?? null,
    })),
    alreadyRecorded: p.already,
    problems: p.problems,
  };
}

/** Import a file: all rows in one transaction, or none (400 csv_rejected with every problem). */
export async function confirmImport(ctx: RequestContext, slug: string, csv: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['import.manage']);
  const p = await plan(ctx, network, csv);
  if (p.problems.length) throw new AppError('csv_rejected', 400, { problems: p.problems });
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    for (const x of p.planned) {
      await issueCertification(trx, {
        networkId: network.id,
        timeZone: network.timeZone,
        courseId: x.course.id,
        validityMonths: x.course.validityMonths,
        accountId: x.accountId,
        source: 'import',
        sessionId: null,
        issuedBy: actor.accountId,
        issuedAt: x.issuedAt,
        now,
      });
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.certification.import',
      targetType: 'network',
      targetId: network.id,
      detail: {
        rows: p.rows,
        imported: p.planned.length,
        alreadyRecorded: p.already,
        courseIds: [...new Set(p.planned.map((x) => x.course.id))],
      },
    });
    // Who was certified stays traceable without a huge entry: each row records source 'import', issuer and time.
    announceCertificationsAfterCommit(
      trx,
      ctx.deps,
      network.id,
      p.planned.map((x) => x.accountId),
    );
  });
  return { imported: p.planned.length, alreadyRecorded: p.already };
}
