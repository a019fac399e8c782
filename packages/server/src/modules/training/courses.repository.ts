import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toBool } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { TrainingCoursesTable } from '../../db/schema-training.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A course, decoded. */
export interface CourseRow {
  id: string;
  networkId: string;
  key: string;
  name: string;
  description: string;
  validityMonths: number | null;
  qualification: string | null;
  issueOn: 'attendance' | 'signoff';
  prerequisites: string[];
  archived: boolean;
}

function toCourse(r: TrainingCoursesTable): CourseRow {
  return {
    id: r.id,
    networkId: r.network_id,
    key: r.key,
    name: r.name,
    description: r.description,
    validityMonths: r.validity_months == null ? null : Number(r.validity_months),
    qualification: r.qualification,
    issueOn: r.issue_on as CourseRow['issueOn'],
    prerequisites: JSON.parse(r.prerequisites) as string[],
    archived: toBool(r.archived),
  };
}

/** All courses of a network (archived included when asked), by name. */
export async function listCourseRows(db: Db, networkId: string, opts: { includeArchived?: boolean } = {}): Promise<CourseRow[]> {
  let q = db.selectFrom('training_courses').selectAll().where('network_id', '=', networkId);
  if (!opts.includeArchived) q = q.where('archived', '=', 0);
  return (await q.orderBy('name').execute()).map(toCourse);
}

/** The network's courses, for pickers (e.g. a shift slot's required certification). */
export async function listCourses(
  db: Db,
  networkId: string,
): Promise<{ id: string; key: string; name: string; validityMonths: number | null }[]> {
  const rows = await db
    .selectFrom('training_courses')
    .select(['id', 'key', 'name', 'validity_months'])
    .where('network_id', '=', networkId)
    .where('archived', '=', 0)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    validityMonths: r.validity_months == null ? null : Number(r.validity_months),
  }));
}

/** One course of a network. */
export async function findCourse(db: Db, networkId: string, id: string): Promise<CourseRow | undefined> {
  const r = await db
    .selectFrom('training_courses')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toCourse(r);
}

/** One course of a network by its key. */
export async function findCourseByKey(db: Db, networkId: string, key: string): Promise<CourseRow | undefined> {
  const r = await db
    .selectFrom('training_courses')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('key', '=', key)
    .executeTakeFirst();
  return r && toCourse(r);
}

/**
 * Lock a network's courses for the rest of the transaction (PostgreSQL), so two prerequisite
 * changes that would together close a cycle are checked one after the other. SQLite runs
 * one writer at a time.
 */
export async function lockCourses(trx: Transaction<DB>, dialect: Dialect, networkId: string): Promise<void> {
  if (dialect === 'postgres')
    await trx.selectFrom('training_courses').select('id').where('network_id', '=', networkId).forUpdate().execute();
}

/** Insert a course. */
export async function insertCourse(db: Db, c: Omit<CourseRow, 'archived'>, now: string): Promise<void> {
  await db
    .insertInto('training_courses')
    .values({
      id: c.id,
      network_id: c.networkId,
      key: c.key,
      name: c.name,
      description: c.description,
      validity_months: c.validityMonths,
      qualification: c.qualification,
      issue_on: c.issueOn,
      prerequisites: JSON.stringify(c.prerequisites),
      archived: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Update a course's editable fields. */
export async function updateCourse(
  db: Db,
  networkId: string,
  id: string,
  set: Partial<Omit<CourseRow, 'id' | 'networkId' | 'key'>>,
  now: string,
): Promise<void> {
  await db
    .updateTable('training_courses')
    .set({
      ...(set.name !== undefined ? { name: set.name } : {}),
      ...(set.description !== undefined ? { description: set.description } : {}),
      ...(set.validityMonths !== undefined ? { validity_months: set.validityMonths } : {}),
      ...(set.qualification !== undefined ? { qualification: set.qualification } : {}),
      ...(set.issueOn !== undefined ? { issue_on: set.issueOn } : {}),
      ...(set.prerequisites !== undefined ? { prerequisites: JSON.stringify(set.prerequisites) } : {}),
      ...(set.archived !== undefined ? { archived: set.archived ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** Everyone holding an unrevoked certification of the course. */
export async function holdersOf(db: Db, courseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('training_certifications')
    .select('account_id')
    .distinct()
    .where('course_id', '=', courseId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.account_id);
}
