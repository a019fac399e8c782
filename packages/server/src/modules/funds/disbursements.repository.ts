import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { FundDisbursementsTable } from '../../db/schema-funds.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type DisbursementRow = Selectable<FundDisbursementsTable>;

export async function insertDisbursement(db: Db, row: DisbursementRow): Promise<void> {
  await db.insertInto('fund_disbursements').values(row).execute();
}

export async function findDisbursement(db: Db, networkId: string, id: string): Promise<DisbursementRow | undefined> {
  return db
    .selectFrom('fund_disbursements')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listDisbursements(db: Db, networkId: string, limit = 500): Promise<DisbursementRow[]> {
  return db
    .selectFrom('fund_disbursements')
    .selectAll()
    .where('network_id', '=', networkId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Move a disbursement on only from the status the caller saw: false when someone else moved it first. */
export async function moveDisbursement(
  db: Db,
  id: string,
  from: string,
  change: Updateable<FundDisbursementsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('fund_disbursements')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
