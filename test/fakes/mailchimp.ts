/**
 * A fake of the Mailchimp Marketing API 3.0 (base `${url}/3.0`): Basic auth with the API key,
 * RFC 7807 problem bodies, campaigns created as drafts ("save"), content, schedule (quarter hour
 * UTC and in the future only, else 400) and send; a campaign is sent or scheduled at most once.
 * A campaign whose send checklist has an error is refused by schedule and send with 400 "Your
 * Campaign is not ready to send."; `GET /campaigns/{id}/send-checklist` answers `{is_ready, items:
 * [{type, id, heading, details}]}` (content, subject, sender, and a reply-to address on a domain the
 * account has not verified when `verifiedDomains` is set).
 * Reports (`GET /reports/{id}`) exist for sent campaigns only (404 before), with the figures a test
 * sets through `setReport`, in the shape of the real report (bounces, opens, clicks objects).
 */
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

export interface ReportFigures {
  emails_sent: number;
  hard_bounces?: number;
  soft_bounces?: number;
  unique_opens: number;
  opens_total?: number;
  unique_subscriber_clicks: number;
  clicks_total?: number;
  unsubscribed?: number;
}

interface Campaign {
  id: string;
  web_id: number;
  status: 'save' | 'schedule' | 'sending' | 'sent';
  listId: string;
  settings: { subject_line?: string; preview_text?: string; title?: string; from_name?: string; reply_to?: string };
  html?: string;
  send_time?: string;
}

const problem = (status: number, title: string, detail: string): FakeResponse => ({
  status,
  body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: 'fake' },
  headers: { 'content-type': 'application/problem+json' },
});

export class FakeMailchimp {
  readonly server: FakeServer;
  readonly keys = new Set<string>();
  readonly lists = new Map<string, { name: string; from_name: string; from_email: string }>();
  readonly campaigns = new Map<string, Campaign>();
  readonly reports = new Map<string, ReportFigures>();
  private seq = 0;
  now: () => Date = () => new Date();
  /** Sending domains the account verified; when set, a reply-to elsewhere fails the checklist. */
  verifiedDomains: Set<string> | undefined;

  constructor() {
    this.server = new FakeServer((req) => this.handle(req));
  }

  get url(): string {
    return `${this.server.url}/3.0`;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  addKey(key: string): void {
    this.keys.add(key);
  }

  addList(id: string, name = 'Newsletter', from_name = 'Brand', from_email = 'news@brand.example'): void {
    this.lists.set(id, { name, from_name, from_email });
  }

  /** What Mailchimp did with a campaign: it went out at `at`, and its report shows these figures. */
  setReport(id: string, figures: ReportFigures, at?: string): void {
    const c = this.campaigns.get(id);
    if (!c) throw new Error(`no campaign ${id}`);
    c.status = 'sent';
    if (at) c.send_time = at;
    this.reports.set(id, figures);
  }

  private handle(req: FakeRequest): FakeResponse {
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const key = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    if (!this.keys.has(key)) {
      return problem(
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      );
    }
    const path = req.path.replace(/^\/3\.0/, '');
    if (req.method === 'GET' && path === '/ping')
      return { status: 200, body: { health_status: "Everything's Chimpy!" } };
    let m = /^\/lists\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m?.[1]) {
      const l = this.lists.get(m[1]);
      if (!l) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      return {
        status: 200,
        body: {
          id: m[1],
          name: l.name,
          campaign_defaults: { from_name: l.from_name, from_email: l.from_email, subject: '', language: 'en' },
        },
      };
    }
    if (req.method === 'POST' && path === '/campaigns') return this.create(req);
    const report = /^\/reports\/([^/]+)$/.exec(path);
    if (report?.[1]) {
      if (req.method !== 'GET')
        return problem(405, 'Method Not Allowed', 'The requested method and resource are not compatible.');
      return this.report(report[1]);
    }
    m = /^\/campaigns\/([^/]+)(\/.*)?$/.exec(path);
    const c = m?.[1] ? this.campaigns.get(m[1]) : undefined;
    if (!c) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    const rest = m?.[2] ?? '';
    if (req.method === 'GET' && rest === '') return { status: 200, body: this.view(c) };
    if (req.method === 'GET' && rest === '/send-checklist') {
      const items = this.checklist(c);
      return { status: 200, body: { is_ready: !items.some((i) => i.type === 'error'), items } };
    }
    if (req.method === 'PUT' && rest === '/content') {
      const body = req.json() as { html?: string; plain_text?: string } | undefined;
      if (!body?.html && !body?.plain_text) return problem(400, 'Invalid Resource', 'Content is required.');
      if (c.status !== 'save')
        return problem(400, 'Invalid Resource', 'Cannot update content of a scheduled or sent campaign.');
      c.html = body.html ?? body.plain_text ?? '';
      return { status: 200, body: { html: c.html, plain_text: body.plain_text ?? '' } };
    }
    if (req.method === 'POST' && (rest === '/actions/schedule' || rest === '/actions/send')) {
      if (c.status !== 'save')
        return problem(400, 'Bad Request', 'This campaign cannot be scheduled or sent: it already was.');
      if (this.checklist(c).some((i) => i.type === 'error')) {
        return problem(400, 'Bad Request', 'Your Campaign is not ready to send.');
      }
      if (rest === '/actions/send') {
        c.status = 'sending';
        return { status: 204 };
      }
      const at = (req.json() as { schedule_time?: string } | undefined)?.schedule_time ?? '';
      const t = Date.parse(at);
      if (Number.isNaN(t)) return problem(400, 'Invalid Resource', 'schedule_time is required.');
      if (t % (15 * 60_000) !== 0) {
        return problem(400, 'Invalid Resource', 'Schedule time must be on the quarter-hour (:00, :15, :30, :45).');
      }
      if (t <= this.now().getTime()) return problem(400, 'Invalid Resource', 'Schedule time must be in the future.');
      c.status = 'schedule';
      c.send_time = new Date(t).toISOString();
      return { status: 204 };
    }
    return problem(405, 'Method Not Allowed', 'The requested method and resource are not compatible.');
  }

  /** The send checklist: one item per check, `error` for what stops the send. */
  private checklist(c: Campaign): Array<{ type: 'success' | 'error'; id: number; heading: string; details: string }> {
    const item = (id: number, ok: boolean, heading: string, details: string) => ({
      type: ok ? ('success' as const) : ('error' as const),
      id,
      heading,
      details,
    });
    const replyTo = c.settings.reply_to ?? '';
    const domain = replyTo.split('@')[1] ?? '';
    const verified = !this.verifiedDomains || this.verifiedDomains.has(domain);
    return [
      item(1, Boolean(c.html), 'Content', c.html ? 'Your campaign has content.' : 'Your campaign has no content.'),
      item(
        2,
        Boolean(c.settings.subject_line),
        'Subject line',
        c.settings.subject_line ? 'Set.' : 'Add a subject line.',
      ),
      item(3, Boolean(c.settings.from_name), 'From name', c.settings.from_name ? 'Set.' : 'Add a from name.'),
      item(
        4,
        Boolean(replyTo) && verified,
        'From email address',
        !replyTo
          ? 'Add a from email address.'
          : verified
            ? `${replyTo} is on a verified domain.`
            : `${domain} is not a verified domain. Verify it to send from ${replyTo}.`,
      ),
    ];
  }

  private create(req: FakeRequest): FakeResponse {
    const body = req.json() as
      | { type?: string; recipients?: { list_id?: string }; settings?: Campaign['settings'] }
      | undefined;
    if (!body?.type || !['regular', 'plaintext', 'rss', 'variate'].includes(body.type)) {
      return problem(400, 'Invalid Resource', 'The resource submitted could not be validated. type is required.');
    }
    // Every settings field is a string in the API reference (preview_text included; no length is documented).
    for (const [key, value] of Object.entries(body.settings ?? {})) {
      if (typeof value !== 'string') {
        return problem(
          400,
          'Invalid Resource',
          `The resource submitted could not be validated. settings.${key} must be a string.`,
        );
      }
    }
    const listId = body.recipients?.list_id ?? '';
    if (!this.lists.has(listId)) return problem(400, 'Invalid Resource', 'The list_id is invalid.');
    const id = `c${(++this.seq).toString(16).padStart(9, '0')}`;
    const c: Campaign = { id, web_id: this.seq, status: 'save', listId, settings: body.settings ?? {} };
    this.campaigns.set(id, c);
    return { status: 200, body: this.view(c) };
  }

  private report(id: string): FakeResponse {
    const c = this.campaigns.get(id);
    if (!c || (c.status !== 'sent' && c.status !== 'sending')) {
      return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    }
    const f = this.reports.get(id) ?? { emails_sent: 0, unique_opens: 0, unique_subscriber_clicks: 0 };
    const delivered = f.emails_sent - (f.hard_bounces ?? 0) - (f.soft_bounces ?? 0);
    return {
      status: 200,
      body: {
        id,
        campaign_title: c.settings.title ?? '',
        type: 'regular',
        list_id: c.listId,
        subject_line: c.settings.subject_line ?? '',
        emails_sent: f.emails_sent,
        abuse_reports: 0,
        unsubscribed: f.unsubscribed ?? 0,
        send_time: c.send_time ?? '',
        bounces: { hard_bounces: f.hard_bounces ?? 0, soft_bounces: f.soft_bounces ?? 0, syntax_errors: 0 },
        opens: {
          opens_total: f.opens_total ?? f.unique_opens,
          unique_opens: f.unique_opens,
          open_rate: delivered > 0 ? f.unique_opens / delivered : 0,
          last_open: '',
        },
        clicks: {
          clicks_total: f.clicks_total ?? f.unique_subscriber_clicks,
          unique_clicks: f.unique_subscriber_clicks,
          unique_subscriber_clicks: f.unique_subscriber_clicks,
          click_rate: delivered > 0 ? f.unique_subscriber_clicks / delivered : 0,
          last_click: '',
        },
      },
    };
  }

  private view(c: Campaign) {
    return {
      id: c.id,
      web_id: c.web_id,
      type: 'regular',
      status: c.status,
      archive_url: `https://eepurl.com/${c.id}`,
      long_archive_url: `https://us19.campaign-archive.com/?u=1&id=${c.id}`,
      recipients: { list_id: c.listId },
      settings: c.settings,
      ...(c.send_time ? { send_time: c.send_time } : {}),
    };
  }
}
