import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
// altcha-lib's v1 protocol (SHA-256 over salt + number, HMAC-signed): a browser solves it
// in a dozen lines of crypto.subtle, so the public page needs no widget bundle. v2's
// key-derivation challenges would need the altcha widget (not installed) on the client.
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Clock } from '../clock.ts';

/** A challenge as the public form embeds it (altcha v1 shape). */
export interface PowChallenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The no-JavaScript fallback: digits to type, and a signed token that checks the answer. */
export interface FallbackQuestion {
  digits: string;
  token: string;
}

/** How hard and how long-lived challenges are. */
export interface ChallengeOptions {
  /** Largest number the client may have to try: about half of it on average (50k ≈ 1–3 s on an old phone). */
  maxNumber: number;
  /** How long a challenge stays valid (ms). */
  ttlMs: number;
  /** The fallback answer is refused if sent sooner than this after the form was served (ms). */
  minFallbackDelayMs: number;
}

/** Digits only, with Arabic-Indic and Persian digits read as 0–9 (people type what their keyboard has). */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90)).replace(/\D/g, '');
}

const DEFAULTS: ChallengeOptions = { maxNumber: 50_000, ttlMs: 10 * 60_000, minFallbackDelayMs: 5_000 };
// Most spent challenges remembered (each is kept until it expires anyway).
const MAX_SPENT = 100_000;

/**
 * Issues and checks the proof-of-work challenge the public form shows under flood.
 * The HMAC secret is derived from the master key, so every app process behind a load
 * balancer accepts the others' challenges. A solved challenge is accepted once per
 * process (spent ones are remembered in memory until they expire).
 */
export class ChallengeService {
  private readonly spent = new Map<string, number>();
  private readonly options: ChallengeOptions;

  constructor(
    private readonly clock: Clock,
    private readonly secret: () => string,
    options: Partial<ChallengeOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** A new proof-of-work challenge, bound to one network and expiring. */
  async issue(scope: string): Promise<PowChallenge> {
    const expires = Math.floor((this.clock.now().getTime() + this.options.ttlMs) / 1000);
    const c = await createChallenge({
      algorithm: 'SHA-256',
      hmacKey: this.secret(),
      maxnumber: this.options.maxNumber,
      params: { scope, expires: String(expires) },
    });
    return {
      algorithm: 'SHA-256',
      challenge: c.challenge,
      maxnumber: c.maxnumber ?? this.options.maxNumber,
      salt: c.salt,
      signature: c.signature,
    };
  }

  /** Check a solution (the base64 JSON payload the page's script posts): valid, unexpired, this network's, unspent. */
  async verify(scope: string, payload: string | undefined): Promise<boolean> {
    if (!payload || payload.length > 2000) return false;
    let parsed: { algorithm?: unknown; salt?: unknown; signature?: unknown; number?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return false;
    }
    if (
      parsed?.algorithm !== 'SHA-256' ||
      typeof parsed.salt !== 'string' ||
      typeof parsed.signature !== 'string' ||
      typeof parsed.number !== 'number'
    )
      return false;
    const params = new URLSearchParams(parsed.salt.split('?')[1] ?? '');
    const expires = Number(params.get('expires')) * 1000;
    const now = this.clock.now().getTime();
    if (params.get('scope') !== scope || !Number.isFinite(expires) || expires < now) return false;
    // Expiry is checked above against the injected clock, not altcha's Date.now().
    if (!(await verifySolution(payload, this.secret(), false))) return false;
    return this.spend(`pow:${parsed.signature}`, expires);
  }

  /** Digits to type when the page's script cannot run, with a signed token. */
  question(scope: string): FallbackQuestion {
    const digits = String(randomInt(1000, 10_000));
    const issued = this.clock.now().getTime();
    const nonce = randomBytes(9).toString('base64url');
    return { digits, token: `${issued}.${nonce}.${this.sign(scope, issued, nonce, digits)}` };
  }

  /**
   * Check a fallback answer. This is a speed bump, not proof of work: the answer is in the
   * page, so it only forces a full page load, a pause and one use per token; per-source rate
   * limits do the rest.
   */
  checkAnswer(scope: string, token: string | undefined, answer: string | undefined): boolean {
    if (!token || !answer || token.length > 200) return false;
    const [issuedText, nonce, mac] = token.split('.');
    const issued = Number(issuedText);
    if (!Number.isFinite(issued) || !nonce || !mac) return false;
    const now = this.clock.now().getTime();
    if (now - issued < this.options.minFallbackDelayMs || now - issued > this.options.ttlMs) return false;
    const expected = Buffer.from(this.sign(scope, issued, nonce, asciiDigits(answer)));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    return this.spend(`q:${nonce}`, issued + this.options.ttlMs);
  }

  private sign(scope: string, issued: number, nonce: string, digits: string): string {
    return createHmac('sha256', this.secret()).update(`${scope}\n${issued}\n${nonce}\n${digits}`).digest('base64url');
  }

  private spend(id: string, until: number): boolean {
    const now = this.clock.now().getTime();
    if ((this.spent.get(id) ?? 0) > now) return false;
    if (this.spent.size >= MAX_SPENT) {
      for (const [k, exp] of this.spent) if (exp <= now) this.spent.delete(k);
      if (this.spent.size >= MAX_SPENT) this.spent.delete(this.spent.keys().next().value as string);
    }
    this.spent.set(id, until);
    return true;
  }
}
