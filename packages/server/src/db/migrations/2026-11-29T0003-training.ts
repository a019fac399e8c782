import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/** Training: courses, sessions, registrations (with waitlist and attendance) and certifications. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);

  await db.schema
    .createTable('training_courses')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('key', k.text, (c) => c.notNull())
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('description', k.text, (c) => c.notNull())
    // Null: never expires.
    .addColumn('validity_months', k.integer)
    // A dispatch qualification (QUALIFICATIONS) the certification grants, or null.
    .addColumn('qualification', k.text)
    // 'attendance' | 'signoff': when a certification is issued.
    .addColumn('issue_on', k.text, (c) => c.notNull())
    // JSON array of course ids that must be held (valid) before registering.
    .addColumn('prerequisites', k.json, (c) => c.notNull())
    .addColumn('archived', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('training_courses_key', ['network_id', 'key'])
    .execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('course_id', k.id, (c) => c.notNull().references('training_courses.id'))
    .addColumn('starts_at', k.timestamp, (c) => c.notNull())
    .addColumn('ends_at', k.timestamp, (c) => c.notNull())
    .addColumn('place', k.text)
    .addColumn('online_url', k.text)
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('capacity', k.integer, (c) => c.notNull())
    .addColumn('trainer_account_id', k.id, (c) => c.notNull().references('accounts.id'))
    // 'scheduled' | 'cancelled'
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('attendance_saved_at', k.timestamp)
    .addColumn('created_by', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_sessions_upcoming')
    .on('training_sessions')
    .columns(['network_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('training_registrations')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('session_id', k.id, (c) => c.notNull().references('training_sessions.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    // 'registered' | 'waitlisted' | 'cancelled'
    .addColumn('status', k.text, (c) => c.notNull())
    // Waitlist order: when the person (last) asked for a place.
    .addColumn('queued_at', k.timestamp, (c) => c.notNull())
    .addColumn('walk_in', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('attended', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('signed_off_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('training_registrations_session_account', ['session_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('training_registrations_account')
    .on('training_registrations')
    .columns(['account_id', 'status'])
    .execute();

  await db.schema
    .createTable('training_certifications')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('course_id', k.id, (c) => c.notNull().references('training_courses.id'))
    // 'attendance' | 'signoff' | 'import'
    .addColumn('source', k.text, (c) => c.notNull())
    .addColumn('session_id', k.id, (c) => c.references('training_sessions.id'))
    .addColumn('issued_by', k.id, (c) => c.references('accounts.id'))
    .addColumn('issued_at', k.timestamp, (c) => c.notNull())
    // Null: never expires. Validity is checked against the clock at read time, so expiry needs no job.
    .addColumn('expires_at', k.timestamp)
    .addColumn('revoked_at', k.timestamp)
    .addColumn('revoked_by', k.id, (c) => c.references('accounts.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_certifications_course')
    .on('training_certifications')
    .columns(['network_id', 'course_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('training_certifications_account')
    .on('training_certifications')
    .columns(['network_id', 'account_id'])
    .execute();
}
