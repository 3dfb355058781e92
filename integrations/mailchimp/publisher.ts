/**
 * Mailchimp campaigns: create (a draft; harmless to repeat) -> set content -> schedule at the due
 * quarter hour (UTC), or send at once when the time has come. The campaign id is saved right after
 * creation, so a retry reads the campaign's status and never creates or sends a second one. The
 * irreversible call is the schedule (or send) action: `io.sending()` marks the post just before it;
 * a draft campaign and its content reach nobody.
 */
import { z } from 'zod';
import { classifyStatus, type HttpCall, joinUrl, parseJson, send } from '../http.js';
import { PublishError, type Publisher, type PublishIo, type PublishPost, type PublishResult } from '../publisher.js';

export const mailchimpCredentials = z.object({
  apiKey: z.string().min(1),
  listId: z.string().min(1),
  fromName: z.string().min(1),
  replyTo: z.string().min(3),
});
export type MailchimpCredentials = z.infer<typeof mailchimpCredentials>;

const campaign = z.object({
  id: z.string(),
  status: z.string(),
  archive_url: z.string().optional(),
  long_archive_url: z.string().optional(),
});
const stateSchema = z.object({ campaignId: z.string().optional() });
const HANDED_OVER = new Set(['schedule', 'sending', 'sent']);
const MAILCHIMP = { provider: 'mailchimp' };
/** GET /campaigns/{id}/send-checklist (Mailchimp Marketing API reference: "Get campaign send checklist"). */
const checklist = z.object({
  is_ready: z.boolean(),
  items: z.array(z.object({ type: z.string(), heading: z.string().optional(), details: z.string().optional() })),
});
/**
 * The schedule and send actions refuse a campaign whose checklist fails with 400 `{title: "Bad
 * Request", detail: "Your Campaign is not ready to send."}` (Mailchimp Marketing API reference,
 * campaigns/actions; the detail is the only marker, and the checklist says why).
 */
const NOT_READY = /not ready to send/i;
/** Closer than this to the due time, schedule would be refused as "in the past": send now. */
const SEND_NOW_MARGIN_MS = 2 * 60_000;

/** `MAILCHIMP_API_URL` when set, else the data centre from the key's suffix ("...-us19"). */
export function mailchimpBase(apiKey: string, configured: string | undefined): string {
  if (configured) return configured;
  const dc = /-([a-z]+\d+)$/.exec(apiKey)?.[1];
  if (!dc) throw new Error('a Mailchimp API key ends with its data centre, e.g. -us19');
  return `https://${dc}.api.mailchimp.com/3.0`;
}

export class MailchimpClient {
  private readonly base: string;
  constructor(
    private readonly creds: { apiKey: string },
    configured: string | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.base = mailchimpBase(creds.apiKey, configured);
  }

  async call<T>(
    method: HttpCall['method'],
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    idempotent: boolean,
  ): Promise<{ status: number; data: T | undefined }> {
    const call: HttpCall = {
      method,
      url: joinUrl(this.base, path),
      headers: {
        authorization: `Basic ${Buffer.from(`mktbot:${this.creds.apiKey}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      idempotent,
    };
    const res = await send(call);
    if (res.status === 204) return { status: 204, data: undefined };
    const json = parseJson(res.text);
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw PublishError.retry('unexpected answer from Mailchimp');
      return { status: res.status, data: parsed.data };
    }
    const problem = json as { title?: string; detail?: string } | undefined;
    const message = `Mailchimp error ${res.status}: ${problem?.title ?? ''}${problem?.detail ? ` - ${problem.detail}` : ''}`;
    const said = [problem?.title, problem?.detail].filter(Boolean).join(': ');
    if (res.status === 404) throw Object.assign(PublishError.fatal(message), { notFound: true });
    // 401 "API Key Invalid": the key was disabled or is wrong (Mailchimp's error glossary).
    if (res.status === 401) throw PublishError.reauth(message).because('needsReconnect', MAILCHIMP, said);
    if (res.status === 400 && NOT_READY.test(problem?.detail ?? '')) {
      throw PublishError.fatal(message).because('campaignNotReady', MAILCHIMP, said);
    }
    throw classifyStatus(res, call, message, this.now());
  }
}

export class MailchimpPublisher implements Publisher {
  readonly marksSending = true;
  private readonly client: MailchimpClient;

  constructor(
    private readonly creds: MailchimpCredentials,
    configured: string | undefined,
    now?: () => Date,
  ) {
    this.client = new MailchimpClient(creds, configured, now);
  }

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    if (!post.title) throw PublishError.fatal('a Mailchimp campaign needs a subject');
    let current = await this.existing(stateSchema.parse(io.state).campaignId);
    if (current && HANDED_OVER.has(current.status)) return result(current);
    if (!current) {
      const created = await this.client.call(
        'POST',
        'campaigns',
        {
          type: 'regular',
          recipients: { list_id: this.creds.listId },
          settings: {
            subject_line: post.title,
            title: `mktbot post ${post.id}`,
            from_name: this.creds.fromName,
            reply_to: this.creds.replyTo,
            ...(post.previewText ? { preview_text: post.previewText } : {}),
          },
        },
        campaign,
        // A second draft would be clutter, never a second email: the saved id below prevents sends.
        true,
      );
      current = created.data as z.infer<typeof campaign>;
      await io.saveState({ campaignId: current.id });
    }
    await this.client.call('PUT', `campaigns/${current.id}/content`, contentOf(post), z.unknown(), true);
    const late = post.publishAt.getTime() - io.now().getTime() < SEND_NOW_MARGIN_MS;
    await io.sending();
    try {
      // Both are safe to repeat: a retry reads the campaign status first and stops if it moved on.
      if (late) await this.client.call('POST', `campaigns/${current.id}/actions/send`, undefined, z.unknown(), true);
      else {
        await this.client.call(
          'POST',
          `campaigns/${current.id}/actions/schedule`,
          { schedule_time: post.publishAt.toISOString() },
          z.unknown(),
          true,
        );
      }
    } catch (err) {
      throw err instanceof PublishError && err.reason?.code === 'campaignNotReady'
        ? await this.withChecklist(err, current.id)
        : err;
    }
    return result(current);
  }

  /** "Not ready" says nothing of why: the campaign's checklist does, in Mailchimp's own words. */
  private async withChecklist(err: PublishError, id: string): Promise<PublishError> {
    try {
      const { data } = await this.client.call('GET', `campaigns/${id}/send-checklist`, undefined, checklist, true);
      const failing = (data?.items ?? [])
        .filter((i) => i.type === 'error')
        .map((i) => [i.heading, i.details].filter(Boolean).join(': '));
      return failing.length > 0 ? err.because('campaignNotReady', MAILCHIMP, failing.join('; ')) : err;
    } catch {
      // The refusal stands on its own words when the checklist cannot be read.
      return err;
    }
  }

  private async existing(id: string | undefined): Promise<z.infer<typeof campaign> | undefined> {
    if (!id) return undefined;
    try {
      return (await this.client.call('GET', `campaigns/${id}`, undefined, campaign, true)).data;
    } catch (err) {
      // Deleted in Mailchimp by someone: start over.
      if ((err as { notFound?: boolean }).notFound) return undefined;
      throw err;
    }
  }
}

function result(c: z.infer<typeof campaign>): PublishResult {
  const url = c.long_archive_url ?? c.archive_url;
  return { externalId: c.id, ...(url ? { url } : {}) };
}

function contentOf(post: PublishPost): { html: string; plain_text: string } {
  const images = post.media
    .filter((m) => m.kind === 'image')
    .map((m) => `<p><img src="${m.url.replace(/"/g, '%22')}" alt="" style="max-width:100%"></p>`)
    .join('');
  return {
    html: `<html><body>${post.content
      .split('\n')
      .map((l) => `<p>${linked(l)}</p>`)
      .join('')}${images}</body></html>`,
    plain_text: post.content,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

/** Punctuation that ends a sentence after a URL rather than belonging to it (English and Arabic). */
const TRAILING = /[.,;:!?)\]}'»،؛؟]+$/u;

/**
 * One line as HTML with each URL a link: Mailchimp tracks clicks on the HTML's links, and a bare
 * URL is a link only where a mail program happens to make it one.
 */
function linked(line: string): string {
  let out = '';
  let from = 0;
  for (const m of line.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = m[0].replace(TRAILING, '');
    const at = m.index ?? 0;
    out += `${escapeHtml(line.slice(from, at))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    from = at + url.length;
  }
  return out + escapeHtml(line.slice(from));
}

/** Checks the key (/ping) and the audience, and reads the audience's sender defaults. */
export async function verifyMailchimp(
  apiKey: string,
  listId: string,
  configured: string | undefined,
): Promise<{ name: string; fromName: string; replyTo: string }> {
  const client = new MailchimpClient({ apiKey }, configured);
  await client.call('GET', 'ping', undefined, z.object({ health_status: z.string() }), true);
  const list = await client.call(
    'GET',
    `lists/${encodeURIComponent(listId)}`,
    undefined,
    z.object({
      id: z.string(),
      name: z.string(),
      campaign_defaults: z.object({ from_name: z.string(), from_email: z.string() }),
    }),
    true,
  );
  const l = list.data;
  if (!l) throw new Error('Mailchimp did not return the audience');
  return { name: l.name, fromName: l.campaign_defaults.from_name, replyTo: l.campaign_defaults.from_email };
}
