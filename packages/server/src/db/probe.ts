import { sql, type Kysely } from 'kysely';

/**
 * Whether the database answers a trivial question within `timeoutMs`. Any failure counts
 * as no, and so does no answer in time (a pool whose connections all hang on a dead host).
 */
export async function databaseAnswers(db: Kysely<any>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
