import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email the server received. */
export interface ReceivedMail {
  to: string[];
  from: string;
  raw: string;
  /** The decoded plain-text body. */
  text: string;
  /** The Subject header (decoded if it was an encoded word). */
  subject: string;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
export interface SmtpDouble {
  /** smtp://127.0.0.1:port for config.smtp.url. */
  url: string;
  mails: ReceivedMail[];
  /** Reject the next `n` messages with this SMTP reply code (451 transient, 550 permanent). */
  rejectNext(n: number, code: number): void;
  close(): Promise<void>;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeaderWord(value: string): string {
  return value
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
    .replace(/\?=\s+=\?/g, '');
}

/** Parse the single-part text message nodemailer builds for a text-only mail. */
function parse(raw: string): { text: string; subject: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    cte === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : cte === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { text: text.replace(/\r\n$/, ''), subject: decodeHeaderWord(header('Subject')) };
}

/** Start a plain (no TLS, no auth) SMTP server on a free loopback port. */
export async function startSmtpDouble(): Promise<SmtpDouble> {
  const mails: ReceivedMail[] = [];
  let rejecting = { n: 0, code: 451 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (rejecting.n > 0) {
          rejecting = { ...rejecting, n: rejecting.n - 1 };
          const err = Object.assign(new Error('induced rejection'), { responseCode: rejecting.code });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
          ...parse(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejectNext(n, code) {
      rejecting = { n, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
