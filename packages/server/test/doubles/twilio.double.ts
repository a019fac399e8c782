import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the double accepted. */
export interface TwilioMessage {
  to: string;
  from: string;
  body: string;
}

/** A local stand-in for Twilio's Messages API, speaking its documented wire format. */
export interface TwilioDouble {
  /** Base URL to put in config.twilio.apiBase. */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted (201), in order. */
  messages: TwilioMessage[];
  /** Every request seen, including refused ones. */
  requests: number;
  /** Answer the next `n` sends with this status (500, 429, 400…). */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Start the double on 127.0.0.1. It checks the path, HTTP basic auth (SID:token) and the
 * form-encoded To/From/Body fields as Twilio does, and answers with Twilio-shaped JSON.
 */
export async function startTwilioDouble(
  accountSid = 'AC0123456789abcdef0123456789abcdef',
  authToken = 'test-auth-token-0123456789abcdef',
  /** 0: any free port; the e2e runner names one, since the server under test is told it at start. */
  port = 0,
): Promise<TwilioDouble> {
  const messages: TwilioMessage[] = [];
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  let requests = 0;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    requests++;
    const body = await readBody(req);
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return json(res, 400, { code: 20001, message: 'Bad content type', status: 400 });
    if (failures.n > 0) {
      failures = { ...failures, n: failures.n - 1 };
      return json(res, failures.status, {
        code: failures.status === 429 ? 20429 : 20500,
        message: 'induced failure',
        status: failures.status,
      });
    }
    const form = new URLSearchParams(body);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    const text = form.get('Body') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to))
      return json(res, 400, { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 });
    if (!from || !text) return json(res, 400, { code: 21602, message: 'Message body is required.', status: 400 });
    messages.push({ to, from, body: text });
    return json(res, 201, {
      sid: `SM${String(messages.length).padStart(32, '0')}`,
      status: 'queued',
      to,
      from,
      body: text,
      num_segments: '1',
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    apiBase: `http://127.0.0.1:${bound}`,
    accountSid,
    authToken,
    messages,
    get requests() {
      return requests;
    },
    failNext(n, status) {
      failures = { n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
