import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config/config.js';
import type { Logger } from '../logging/logger.js';

export interface OutgoingMail {
  messageId: string;
  from: string;
  replyTo?: string;
  to: { name: string; address: string };
  cc?: string;
  subject: string;
  text: string;
  html: string;
  /** Redemption link, for the development transport's log only; never a header. */
  redeemUrl?: string;
}

export interface SendResult {
  response: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

function toNodemailer(mail: OutgoingMail) {
  return {
    messageId: mail.messageId,
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** SMTP through nodemailer, reusing connections (`pool`) unless the URL says otherwise. */
export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(parsed.href);
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      return { response: String(info.response ?? '') };
    },
    close: () => transporter.close(),
  };
}

/**
 * The zero-setup default: each message becomes an .eml file, and the redemption link is logged so the
 * whole flow can be followed on a laptop without a mail server.
 */
export function fileTransport(dir: string, logger: Logger): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${mail.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_')}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      logger.info({ file, to: mail.to.address, redeemUrl: mail.redeemUrl }, 'email written (no SMTP_URL configured)');
      return { response: `written to ${file}` };
    },
    close: () => transporter.close(),
  };
}

export function createMailTransport(config: MailConfig, logger: Logger): MailTransport {
  return config.transport.kind === 'smtp' ? smtpTransport(config.transport.url) : fileTransport(config.transport.dir, logger);
}
