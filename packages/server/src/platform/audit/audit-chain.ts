import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers. */
export interface ChainedFields {
  seq: number;
  networkId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: string;
  createdAt: string;
  prevHash: string;
}

/** SHA-256 over the previous hash and every field, in a fixed order: any edit changes it. */
export function entryHash(f: ChainedFields): string {
  const canonical = JSON.stringify([
    f.prevHash,
    f.seq,
    f.networkId,
    f.actorId,
    f.action,
    f.targetType,
    f.targetId,
    f.detail,
    f.createdAt,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
