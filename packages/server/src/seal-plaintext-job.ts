/** How often a pass runs anyway once one found the tables clean: a CLI run while sealed, beside this server, can write plain rows. */
const RECHECK_MS = 60 * 60_000;

/**
 * When the server looks for plaintext to seal (rows from before encryption at rest, or written
 * while sealed). A pass scans the old plain columns of every module's tables, so it runs once the
 * key is loaded (at start, or on the first turn after an admin unseals), again only after a
 * sealed spell, and otherwise once an hour; not every minute on an idle, clean database.
 */
export function plaintextSealer(opts: {
  isSealed: () => boolean;
  now: () => number;
  /** One full pass (sealPlaintextAll): how many rows it sealed. */
  pass: () => Promise<number>;
}): () => Promise<number> {
  let sealedSince = true;
  let lastPass = Number.NEGATIVE_INFINITY;
  return async () => {
    if (opts.isSealed()) {
      sealedSince = true;
      return 0;
    }
    if (!sealedSince && opts.now() - lastPass < RECHECK_MS) return 0;
    const n = await opts.pass();
    // Only a pass that finished counts: one that threw is tried again on the next turn.
    sealedSince = false;
    lastPass = opts.now();
    return n;
  };
}
