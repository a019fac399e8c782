import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import { sendError } from './error-handler.ts';

/**
 * Replay-safe changes for signed-in callers. The web app queues actions taken offline and
 * sends them again when the connection returns, each with the Idempotency-Key fixed when the
 * action was taken; a first attempt may have reached the server even though its answer never
 * came back. So the first answer to (person, method, path, key) is kept, and a repeat gets
 * that same answer instead of being applied twice (or refused as a stale version).
 *
 * Kept in this process's memory for a day: a queue lives only while its page is open, so a
 * replay comes minutes after the first try. Anonymous intake keeps its own durable key on the
 * report row (reports module), which this leaves alone.
 */
const KEY = /^[\w.:-]{8,128}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEEP_MS = 24 * 3600 * 1000;
const MAX_KEPT = 20_000;
/** How long a repeat waits for the first attempt still being handled. */
const WAIT_MS = 15_000;

type Kept = { status: number; type: string | undefined; body: string | Buffer; at: number };
type Slot = { kept?: Kept; done: Promise<void>; finish: () => void };

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency slot this request fills, when it is the first with its key. */
    idempotencySlot: string | null;
  }
}

export function installIdempotency(app: FastifyInstance, deps: Deps): void {
  const slots = new Map<string, Slot>();
  const now = () => deps.clock.now().getTime();
  const sweep = () => {
    // Insertion order is age order: drop from the front while too old or too many.
    for (const [k, s] of slots) {
      if (slots.size <= MAX_KEPT && (!s.kept || now() - s.kept.at < KEEP_MS)) break;
      if (s.kept || slots.size > MAX_KEPT) slots.delete(k);
    }
  };
  const slotKey = (request: FastifyRequest, key: string) =>
    `${request.actor?.accountId}\u0000${request.method}\u0000${request.url}\u0000${key}`;

  /** Whether this request runs (it is the first with its key); otherwise it was answered here. */
  const claim = async (request: FastifyRequest, reply: FastifyReply, id: string): Promise<boolean> => {
    let slot = slots.get(id);
    if (slot && !slot.kept) {
      // The first attempt is still being answered: wait for its answer rather than run twice.
      await Promise.race([slot.done, new Promise((r) => setTimeout(r, WAIT_MS))]);
      slot = slots.get(id);
      if (slot && !slot.kept) {
        sendError(request, reply, 409, 'conflict');
        return false;
      }
    }
    if (slot?.kept) {
      const { status, type, body } = slot.kept;
      reply.code(status).header('idempotent-replayed', 'true');
      if (type) reply.type(type);
      reply.send(body);
      return false;
    }
    sweep();
    let finish = () => {};
    const done = new Promise<void>((r) => {
      finish = r;
    });
    slots.set(id, { done, finish });
    request.idempotencySlot = id;
    return true;
  };

  app.decorateRequest('idempotencySlot', null);
  // Callback style: requests without a key (nearly all) pass with no promise made.
  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || !request.actor || !MUTATING.has(request.method) || !request.url.startsWith('/api/')) return done();
    if (typeof key !== 'string' || !KEY.test(key)) {
      sendError(request, reply, 400, 'bad_request');
      return;
    }
    claim(request, reply, slotKey(request, key)).then((runs) => {
      if (runs) done();
    }, done);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const id = request.idempotencySlot;
    const slot = id ? slots.get(id) : undefined;
    if (!id || !slot) return done(null, payload);
    // A server fault or a rate limit is not an answer to keep: the next try runs for real.
    const keep = reply.statusCode < 500 && reply.statusCode !== 429;
    if (keep && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      slot.kept = {
        status: reply.statusCode,
        type: reply.getHeader('content-type') as string | undefined,
        body: payload,
        at: now(),
      };
    } else slots.delete(id);
    slot.finish();
    done(null, payload);
  });
  // The client went away before any answer: free the key for its next try.
  app.addHook('onResponse', (request, _reply, done) => {
    const id = request.idempotencySlot;
    const slot = id ? slots.get(id) : undefined;
    if (id && slot && !slot.kept) {
      slots.delete(id);
      slot.finish();
    }
    done();
  });
}
