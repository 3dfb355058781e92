/**
 * Mailchimp audiences as a provider (docs/architecture.md §3.3): each post becomes a campaign that
 * Mailchimp sends at its quarter hour, and the campaigns' reports are read back as email figures.
 * API keys do not expire, so nothing refreshes.
 */
import type { Provider } from '../provider.js';
import { campaignReportRows } from './insights.js';
import {
  MailchimpClient,
  type MailchimpCredentials,
  MailchimpPublisher,
  mailchimpCredentials,
  verifyMailchimp,
} from './publisher.js';

/** The channel the rows are stored on (a CSV's own "email" rows are never overwritten by these). */
export const MAILCHIMP_CHANNEL = 'mailchimp';
/** Reports keep changing for a while after a send; older campaigns are left as last read. */
export const PULL_DAYS = 30;

export const mailchimp = {
  id: 'mailchimp',
  name: 'Mailchimp',
  credentials: mailchimpCredentials,
  connect: {
    help: {
      account: { en: 'The audience (list) id to send to', ar: 'معرّف الجمهور (القائمة) للإرسال إليه' },
      token: {
        en: 'An API key ending in its data centre, e.g. …-us19',
        ar: 'مفتاح API ينتهي بمركز البيانات، مثل …-us19',
      },
    },
    async check(input, deps) {
      const list = await verifyMailchimp(input.token, input.accountId, deps.config.MAILCHIMP_API_URL);
      const credentials = mailchimpCredentials.parse({
        apiKey: input.token,
        listId: input.accountId,
        fromName: list.fromName,
        replyTo: list.replyTo,
      });
      return { credentials, name: list.name };
    },
  },
  publish: {
    create: (creds, deps) => new MailchimpPublisher(creds, deps.config.MAILCHIMP_API_URL, deps.now),
    limits: {
      // A campaign needs a subject line (at most 150 characters) and a body.
      title: { label: 'subject', max: 150 },
      text: { label: 'text', required: 'always' },
      quarterHour: true,
      // The body has room for pictures only; a video would be left out of the email without a word.
      mediaKinds: ['image'],
      // Pictures are linked, not attached: readers' mail programs load them from their address, so a
      // picture from chat needs PUBLIC_URL (else the email would point at "media:<id>").
      files: { byUrl: true },
    },
    // Created as a campaign scheduled at its quarter hour: Mailchimp sends it even if the bot is down.
    holdsSchedule: true,
  },
  insights: {
    channel: MAILCHIMP_CHANNEL,
    days: PULL_DAYS,
    perPost: true,
    fetchDaily: (creds, deps, job) =>
      campaignReportRows(new MailchimpClient(creds, deps.config.MAILCHIMP_API_URL, deps.now), job),
  },
} as const satisfies Provider<MailchimpCredentials>;
