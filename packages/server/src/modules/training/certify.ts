import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterCommit } from '../../platform/after-commit.ts';
import type { Deps } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/wiring.ts';
import * as certs from './certifications.repository.ts';
import { expiryOf } from './local-time.ts';

/** Issue a certification in the caller's transaction; its expiry follows the course's validity in the network's zone. */
export async function issueCertification(
  trx: Transaction<DB>,
  c: {
    networkId: string;
    timeZone: string;
    courseId: string;
    validityMonths: number | null;
    accountId: string;
    source: 'attendance' | 'signoff' | 'import' | 'manual';
    sessionId: string | null;
    issuedBy: string | null;
    issuedAt: Date;
    now: string;
  },
): Promise<{ id: string; expiresAt: string | null }> {
  const id = newId();
  const expiresAt = expiryOf(c.issuedAt, c.validityMonths, c.timeZone)?.toISOString() ?? null;
  await certs.insertCertification(trx, {
    id,
    networkId: c.networkId,
    accountId: c.accountId,
    courseId: c.courseId,
    source: c.source,
    sessionId: c.sessionId,
    issuedBy: c.issuedBy,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt,
    now: c.now,
  });
  return { id, expiresAt };
}

/** Once the transaction commits, announce that these people's certifications changed (dispatch listens). */
export function announceCertificationsAfterCommit(
  trx: Transaction<DB>,
  deps: Deps,
  networkId: string,
  accountIds: string[],
): void {
  if (accountIds.length === 0) return;
  afterCommit(trx, () => emit(deps, 'training.certificationsChanged', { networkId, accountIds }));
}
