import { appendAudit, type AuditInput } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';

/** Record a read of people's training records (rosters, someone else's certifications) in the audit chain. */
export async function auditRead(ctx: RequestContext, entry: AuditInput): Promise<void> {
  const { database, clock } = ctx.deps;
  await database.db.transaction().execute((trx) => appendAudit(trx, database.dialect, clock.now(), entry));
}
