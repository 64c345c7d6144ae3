import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  messageId: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Every DATA attempt, accepted or refused, by Message-ID. */
  attempts: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback. `refuse(n)` decides per DATA attempt (0-based, across all mail)
 * whether to answer 451, to simulate a server that is in trouble.
 */
export async function startSmtpServer(
  refuse: (attempt: number, messageId: string) => boolean = () => false,
  options: { delayMs?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const attempts: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        const attempt = attempts.push(messageId) - 1;
        const answer = () => {
          if (refuse(attempt, messageId)) {
            callback(Object.assign(new Error('Temporary local problem, try again later'), { responseCode: 451 }));
            return;
          }
          received.push({
            raw,
            messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        };
        // A slow server: the answer (and the message's arrival) comes `delayMs` after the data.
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
  );
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
