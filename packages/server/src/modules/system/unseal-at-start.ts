import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { unsealWithPassphrase, usesPassphrase } from '../../platform/crypto/key-binding.ts';

/** How `serve` talks to the person starting it; a test passes its own. */
export interface StartPrompt {
  /** Whether someone is at a terminal to type (stdin is a TTY). */
  interactive: boolean;
  /** Ask for a secret without echoing it. */
  askSecret(prompt: string): Promise<string>;
  /** Tell the operator something (stderr). */
  say(line: string): void;
}

/** Tries before starting sealed anyway (then an admin can still unseal on the web). */
export const START_ATTEMPTS = 3;

/**
 * At start without a key file: when this database's key comes from a passphrase and
 * someone is at a terminal, ask for it (up to three tries). Otherwise, or after three
 * wrong tries, the server starts sealed and a deployment admin unseals it on the web.
 */
export async function unsealAtStart(deps: Deps, prompt: StartPrompt): Promise<'unsealed' | 'sealed' | 'not_needed'> {
  if (!deps.keyring.sealed) return 'not_needed';
  if (!(await usesPassphrase(deps.database.db))) return 'sealed';
  if (!prompt.interactive) {
    prompt.say('No terminal to ask for the passphrase: starting sealed. A deployment admin can unseal at /unseal.');
    return 'sealed';
  }
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const passphrase = await prompt.askSecret('Passphrase to unseal (empty to start sealed): ');
    if (!passphrase) break;
    if (await unsealWithPassphrase(deps.database.db, deps.keyring, passphrase)) {
      const { database, clock } = deps;
      await database.db.transaction().execute((trx) =>
        appendAudit(trx, database.dialect, clock.now(), {
          networkId: null,
          actorId: null,
          action: 'system.unseal',
          targetType: 'system',
          targetId: null,
          detail: { via: 'terminal' },
        }),
      );
      prompt.say('Unsealed.');
      return 'unsealed';
    }
    prompt.say(
      attempt < START_ATTEMPTS
        ? 'That passphrase does not unlock this server. Try again.'
        : 'That passphrase does not unlock this server.',
    );
  }
  prompt.say('Starting sealed. A deployment admin can unseal at /unseal.');
  return 'sealed';
}
