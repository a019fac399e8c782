import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BusEvent, EventBus } from '../events/event-bus.ts';

/**
 * A named event, not a comment: browsers hide comments from the page, and the page needs to
 * hear something to tell a quiet stream from a dead one (web kit/stream/use-event-stream.ts).
 */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT = 'event: heartbeat\ndata: {}\n\n';

// One event goes to thousands of streams: serialize it once, not once per stream.
const frames = new WeakMap<BusEvent, string>();
function frameOf(e: BusEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) {
    frame = `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
    frames.set(e, frame);
  }
  return frame;
}

/**
 * Turn a request into a Server-Sent Events stream of one network's events. The caller
 * authorizes first; `filter` may drop or reshape events (e.g. public pages see alerts only).
 */
export function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  bus: EventBus,
  networkId: string,
  filter: (e: BusEvent) => BusEvent | undefined = (e) => e,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // Proxies (nginx) must not buffer a live stream.
    'x-accel-buffering': 'no',
  });
  // Tell the browser how soon to reconnect after a drop, then that the stream is up.
  res.write('retry: 3000\nevent: ready\ndata: {}\n\n');
  const off = bus.subscribe(networkId, (event) => {
    const shown = filter(event);
    if (shown) res.write(frameOf(shown));
  });
  const heartbeat = setInterval(() => res.write(HEARTBEAT), HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    off();
  };
  request.raw.on('close', stop);
  res.on('error', stop);
}
