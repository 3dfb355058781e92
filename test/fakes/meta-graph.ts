/**
 * A fake of the Meta Graph API for Facebook Pages and Instagram content publishing, following the
 * official shapes: `{error: {message, type, code, error_subcode, fbtrace_id}}` errors, OAuthException
 * 190 for a bad token, (#100) for missing parameters, Instagram containers that must be FINISHED
 * before `media_publish` (error 9007 / 2207027 otherwise) and cannot be published twice.
 * Comments: `GET /{page}/posts`, `GET /{post}/comments` (`since`, `filter=toplevel`, cursor paging),
 * `GET /{ig-user}/media`, `GET /{media}/comments`, and replies with `POST /{comment}/comments`
 * (Facebook) and `POST /{ig-comment}/replies` (Instagram), each only on the token's own objects.
 * Insights: `GET /{page}/insights` (period=day values with Pacific-time `end_time`s, paging to the
 * adjacent date windows) and `GET /{ig-user}/insights` (metric_type=total_value totals over the
 * window), refusing deprecated or unknown metrics with (#100) as Graph does; `followers_count` on
 * `GET /{ig-user}?fields=...`. Sources: integrations/facebook/insights.ts, integrations/instagram/insights.ts.
 * Per post (integrations/facebook/post-figures.ts, integrations/instagram/post-figures.ts): `GET /{post}/insights`
 * with lifetime post metrics (post_media_view; the deprecated post_impressions family refused with (#100)),
 * `GET /{post}?fields=reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares`
 * (`shares` absent when nobody shared), and `GET /{ig-media}/insights` (views, reach, total_interactions…;
 * `impressions` refused; an empty data set while the media has no figures yet).
 */
import { DateTime } from 'luxon';
import { type ContainerStatus, createIgContainer, type IgContainer } from './meta-instagram-media.js';
import { FakeMetaLogin } from './meta-login.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

type Status = ContainerStatus;
type Container = IgContainer;

export interface FakeComment {
  id: string;
  /** The post (Facebook) or media (Instagram) the comment is under. */
  objectId: string;
  /** The page or Instagram account that owns the object. */
  ownerId: string;
  message: string;
  from: { id: string; name: string };
  createdTime: Date;
  /** Set on replies: the comment they answer. */
  parentId?: string;
}

/** Graph timestamps look like 2026-11-26T09:00:00+0000. */
const graphTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');

/**
 * Page metrics the fake serves: the current ones the bot reads plus a few neighbours. Anything else,
 * the deprecated impression and page-fans families included, is refused like Graph refuses it.
 */
const PAGE_METRICS = new Set([
  'page_total_media_view_unique',
  'page_media_view',
  'page_post_engagements',
  'page_follows',
  'page_daily_follows_unique',
  'page_views_total',
]);
/** Instagram account metrics read as total_value; reach and follower_count also as a time series. */
const IG_TOTAL_VALUE = new Set([
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'total_interactions',
  'accounts_engaged',
  'profile_links_taps',
  'follows_and_unfollows',
]);
const IG_TIME_SERIES = new Set(['reach', 'follower_count']);
/** Lifetime metrics of one Page post (the post_impressions family is deprecated: invalid metric). */
const POST_METRICS = new Set(['post_media_view', 'post_total_media_view_unique', 'post_clicks']);
/** Lifetime metrics of one Instagram media (impressions deprecated since 2025-04-21). */
const MEDIA_METRICS = new Set(['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions']);
/** Page insights: "only 90 days of insights can be viewed at one time" (Graph reference, Page Insights). */
export const PAGE_MAX_RANGE_DAYS = 90;
/** Instagram account insights: 30 days, as Graph's refusal of longer ranges states (not in the reference). */
export const IG_MAX_RANGE_DAYS = 30;
/** Meta's daily Page values end at midnight Pacific time. */
const META_DAY_ZONE = 'America/Los_Angeles';

const err = (status: number, code: number, message: string, subcode?: number): FakeResponse => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'GraphMethodException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'AbCdEf',
    },
  },
});

export class FakeMetaGraph {
  readonly server: FakeServer;
  private readonly tokens = new Map<string, { kind: 'page' | 'ig'; id: string; name: string }>();
  /** The Instagram account a Page token also acts for (its Page's linked professional account). */
  private readonly linkedIg = new Map<string, { kind: 'ig'; id: string; name: string }>();
  /** Facebook Login: the dialog, the token exchanges, /me/permissions and /me/accounts (test/fakes/meta-login.ts). */
  readonly login = new FakeMetaLogin(
    {
      addPage: (id, token, name) => this.addPage(id, token, name),
      linkInstagram: (token, id, username) => this.linkedIg.set(token, { kind: 'ig', id, name: username }),
    },
    () => this.url,
  );
  readonly posts: Array<{ pageId: string; id: string; message?: string; photo?: string; video?: string }> = [];
  readonly containers = new Map<string, Container>();
  readonly media: Array<{ id: string; igUserId: string; caption?: string }> = [];
  /** Polls an IN_PROGRESS video container needs before it is FINISHED. */
  videoPolls = 2;
  /** Next container's final status, to script ERROR or EXPIRED. */
  nextContainerStatus: Status | undefined;
  quota = { usage: 0, total: 50 };
  /** Refuse comments on media (comments turned off), to test a first comment that fails. */
  failMediaComments = false;
  readonly comments: FakeComment[] = [];
  /** Items per page of a comments listing, small so tests exercise paging. */
  pageSize = 100;
  private seq = 1000;
  /** Page id -> day (Pacific date) -> metric -> value. A day without a value answers 0. */
  readonly pageInsights = new Map<string, Map<string, Record<string, number>>>();
  /** Instagram id -> day (the UTC date whose noon falls in the asked window) -> metric -> value. */
  readonly igInsights = new Map<string, Map<string, Record<string, number>>>();
  readonly igFollowers = new Map<string, number>();
  /**
   * Figures of one post or media by its id: Page posts take post_media_view, post_clicks, reactions,
   * comments and shares; Instagram media take views, reach, total_interactions and the like.
   * A media without an entry has no figures yet (an empty data set).
   */
  readonly postFigures = new Map<string, Record<string, number>>();
  /** The `metric` parameter of every insights request, as received. */
  readonly insightQueries: string[] = [];

  constructor() {
    this.server = new FakeServer((req) => this.handle(req));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  addPage(id: string, token: string, name = 'Test Page'): void {
    this.tokens.set(token, { kind: 'page', id, name });
  }

  addInstagram(id: string, token: string, username = 'testbrand'): void {
    this.tokens.set(token, { kind: 'ig', id, name: username });
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** A post already on the page (not published through the bot). */
  addPost(pageId: string, message = ''): string {
    const id = `${pageId}_${++this.seq}`;
    this.posts.push({ pageId, id, message });
    return id;
  }

  /** A media item already on the Instagram account. */
  addIgMedia(igUserId: string, caption = ''): string {
    const id = String(++this.seq);
    this.media.push({ id, igUserId, caption });
    return id;
  }

  /** A comment someone wrote under a post or media item (found by id among both). */
  addComment(objectId: string, c: { message: string; from?: { id: string; name: string }; at: Date }): string {
    const owner =
      this.posts.find((p) => p.id === objectId)?.pageId ?? this.media.find((m) => m.id === objectId)?.igUserId;
    if (!owner) throw new Error(`no post or media ${objectId}`);
    const isPage = this.posts.some((p) => p.id === objectId);
    const id = isPage ? `${objectId.split('_')[1] ?? objectId}_${++this.seq}` : String(++this.seq);
    this.comments.push({
      id,
      objectId,
      ownerId: owner,
      message: c.message,
      from: c.from ?? { id: String(++this.seq), name: 'A Customer' },
      createdTime: c.at,
    });
    return id;
  }

  setPageInsights(pageId: string, date: string, values: Record<string, number>): void {
    const days = this.pageInsights.get(pageId) ?? new Map<string, Record<string, number>>();
    days.set(date, values);
    this.pageInsights.set(pageId, days);
  }

  setIgInsights(igUserId: string, date: string, values: Record<string, number>): void {
    const days = this.igInsights.get(igUserId) ?? new Map<string, Record<string, number>>();
    days.set(date, values);
    this.igInsights.set(igUserId, days);
  }

  /**
   * The next `times` insights reads (of `owner` only, when given: a Page or Instagram account id)
   * answer Graph's application rate limit (code 4).
   */
  rateLimitInsights(times = 1, owner?: string): void {
    const path = owner ? new RegExp(`/${owner}/insights$`) : /\/insights$/;
    this.server.failNext('GET', path, err(403, 4, '(#4) Application request limit reached'), times);
  }

  clearInsights(): void {
    this.pageInsights.clear();
    this.igInsights.clear();
    this.igFollowers.clear();
    this.postFigures.clear();
    this.insightQueries.length = 0;
  }

  /** Replies the bot posted. */
  repliesTo(commentId: string): FakeComment[] {
    return this.comments.filter((c) => c.parentId === commentId);
  }

  private handle(req: FakeRequest): FakeResponse | Promise<FakeResponse> {
    const login = this.login.handle(req);
    if (login) return login;
    const m = /^\/v\d+\.\d+\/(.+)$/.exec(req.path);
    if (!m?.[1]) return err(400, 2500, 'Unknown path components');
    const parts = m[1].split('/');
    const params = req.method === 'GET' ? req.query : req.form();
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = bearer ?? params.get('access_token') ?? req.query.get('access_token') ?? '';
    const [node, edge] = parts;
    const ig = this.linkedIg.get(token);
    const who = ig && this.ownedBy(ig.id, node ?? '') ? ig : this.tokens.get(token);
    if (!who) return err(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (req.method === 'GET' && edge === 'comments') return this.listComments(node ?? '', params, who);
    if (req.method === 'GET' && (edge === 'posts' || edge === 'media') && node === who.id) {
      return this.listObjects(who, Number(params.get('limit') ?? '25'));
    }
    if (req.method === 'POST' && edge === 'comments' && this.media.some((x) => x.id === node)) {
      return this.commentOnMedia(node ?? '', params, who);
    }
    if (req.method === 'POST' && (edge === 'comments' || edge === 'replies') && node !== who.id) {
      return this.reply(node ?? '', edge, params, who);
    }
    if (req.method === 'GET' && edge === 'insights') return this.insights(node ?? '', params, who);
    if (req.method === 'GET') return this.get(node ?? '', edge, who, params);
    if (req.method === 'POST' && edge) return this.post(node ?? '', edge, params, who);
    return err(400, 100, 'Unsupported request');
  }

  /** Whether a Graph node is the Instagram account or one of its containers, media or comments. */
  private ownedBy(igId: string, node: string): boolean {
    return (
      node === igId ||
      this.containers.get(node)?.igUserId === igId ||
      this.media.some((x) => x.id === node && x.igUserId === igId) ||
      this.comments.some((c) => c.id === node && c.ownerId === igId)
    );
  }

  /** The newest `limit` posts or media, newest first. */
  private listObjects(who: { kind: string; id: string }, limit: number): FakeResponse {
    if (who.kind === 'page') {
      const data = this.posts
        .filter((p) => p.pageId === who.id)
        .reverse()
        .slice(0, limit)
        .map((p) => ({ id: p.id, permalink_url: `https://www.facebook.com/${p.id}` }));
      return { status: 200, body: { data } };
    }
    const data = this.media
      .filter((m) => m.igUserId === who.id)
      .reverse()
      .slice(0, limit)
      .map((m) => ({ id: m.id, permalink: `https://www.instagram.com/p/${m.id}/` }));
    return { status: 200, body: { data } };
  }

  private listComments(objectId: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    const owned =
      who.kind === 'page'
        ? this.posts.some((x) => x.id === objectId && x.pageId === who.id)
        : this.media.some((x) => x.id === objectId && x.igUserId === who.id);
    if (!owned) return err(400, 100, `Unsupported get request. Object with ID '${objectId}' does not exist`, 33);
    const since = p.get('since');
    if (since !== null && !/^\d+$/.test(since)) return err(400, 100, '(#100) since must be a unix timestamp');
    let list = this.comments.filter((c) => c.objectId === objectId && !c.parentId);
    if (since !== null) list = list.filter((c) => c.createdTime.getTime() >= Number(since) * 1000);
    list.sort((a, b) => a.createdTime.getTime() - b.createdTime.getTime());
    if (p.get('order') !== 'chronological') list.reverse();
    const start = Number(p.get('after') ?? '0');
    const size = Math.min(Number(p.get('limit') ?? '25'), this.pageSize);
    const page = list.slice(start, start + size);
    const more = start + size < list.length;
    const data = page.map((c) =>
      who.kind === 'page'
        ? {
            id: c.id,
            message: c.message,
            created_time: graphTime(c.createdTime),
            from: c.from,
            permalink_url: `https://www.facebook.com/${c.objectId}?comment_id=${c.id}`,
          }
        : {
            id: c.id,
            text: c.message,
            timestamp: graphTime(c.createdTime),
            username: c.from.name,
            from: { id: c.from.id, username: c.from.name },
          },
    );
    const paging = {
      cursors: { before: String(start), after: String(start + page.length) },
      ...(more ? { next: `${this.url}/v21.0/${objectId}/comments?after=${start + page.length}` } : {}),
    };
    return { status: 200, body: { data, paging } };
  }

  /** A comment on a published Instagram media by its own account (a first comment); fails when `failMediaComments`. */
  private commentOnMedia(mediaId: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    const media = this.media.find((x) => x.id === mediaId);
    if (!media || media.igUserId !== who.id) {
      return err(403, 200, "(#200) The user hasn't authorized the application to perform this action");
    }
    if (this.failMediaComments) return err(400, 100, '(#100) Comments are disabled for this media');
    const message = p.get('message');
    if (!message) return err(400, 100, '(#100) Missing message or attachment');
    const id = String(++this.seq);
    this.comments.push({
      id,
      objectId: mediaId,
      ownerId: who.id,
      message,
      from: { id: who.id, name: 'the brand' },
      createdTime: new Date(),
    });
    return { status: 200, body: { id } };
  }

  /** Facebook answers under a comment with /comments, Instagram with /replies; not the other way round. */
  private reply(commentId: string, edge: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    const parent = this.comments.find((c) => c.id === commentId && !c.parentId);
    if (!parent) return err(400, 100, `Unsupported post request. Object with ID '${commentId}' does not exist`, 33);
    if (parent.ownerId !== who.id)
      return err(403, 200, "(#200) The user hasn't authorized the application to perform this action");
    if ((who.kind === 'page') !== (edge === 'comments')) return err(400, 100, `(#100) Unknown edge ${edge}`);
    const message = p.get('message');
    if (!message) return err(400, 100, '(#100) Missing message or attachment');
    const id = who.kind === 'page' ? `${commentId.split('_')[0]}_${++this.seq}` : String(++this.seq);
    this.comments.push({
      id,
      objectId: parent.objectId,
      ownerId: who.id,
      message,
      from: { id: who.id, name: 'the brand' },
      createdTime: new Date(),
      parentId: commentId,
    });
    return { status: 200, body: { id } };
  }

  private get(
    node: string,
    edge: string | undefined,
    who: { kind: string; id: string; name: string },
    params: URLSearchParams,
  ): FakeResponse {
    if (node === 'me' && !edge) return { status: 200, body: { id: who.id, name: who.name } };
    if (node === who.id && !edge) {
      const fields = (params.get('fields') ?? '').split(',');
      const followers = this.igFollowers.get(who.id);
      return {
        status: 200,
        body:
          who.kind === 'ig'
            ? {
                id: who.id,
                username: who.name,
                ...(fields.includes('followers_count') && followers !== undefined
                  ? { followers_count: followers }
                  : {}),
              }
            : { id: who.id, name: who.name },
      };
    }
    if (node === who.id && edge === 'content_publishing_limit') {
      return {
        status: 200,
        body: {
          data: [{ quota_usage: this.quota.usage, config: { quota_total: this.quota.total, quota_duration: 86400 } }],
        },
      };
    }
    const c = this.containers.get(node);
    if (c && c.igUserId === who.id) {
      if (c.status === 'IN_PROGRESS' && --c.pollsLeft <= 0) c.status = this.nextContainerStatus ?? 'FINISHED';
      return {
        status: 200,
        body: { id: c.id, status_code: c.status, status: c.status === 'ERROR' ? 'Error: media failed' : c.status },
      };
    }
    if (!edge && who.kind === 'page' && this.ownsObject(node, who))
      return this.postFields(node, params.get('fields') ?? '');
    const media = this.media.find((x) => x.id === node && x.igUserId === who.id);
    if (media) return { status: 200, body: { id: media.id, permalink: `https://www.instagram.com/p/${media.id}/` } };
    return err(400, 100, `Unsupported get request. Object with ID '${node}' does not exist`, 33);
  }

  /** `since`/`until` as unix seconds or a date, like Graph; undefined when unreadable. */
  private static instant(value: string | null): number | undefined {
    if (value === null) return undefined;
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const d = DateTime.fromISO(value, { zone: 'UTC' });
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && d.isValid ? d.toMillis() : undefined;
  }

  private insights(node: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    if (this.ownsObject(node, who)) return this.objectInsights(node, p, who);
    if (node !== who.id) return err(400, 100, `Unsupported get request. Object with ID '${node}' does not exist`, 33);
    const metrics = (p.get('metric') ?? '').split(',').filter(Boolean);
    this.insightQueries.push(p.get('metric') ?? '');
    if (metrics.length === 0) {
      return err(400, 3001, 'No metric was specified to be fetched. Please specify one or more metrics.', 1504028);
    }
    const since = FakeMetaGraph.instant(p.get('since'));
    const until = FakeMetaGraph.instant(p.get('until'));
    if (since === undefined || until === undefined || until <= since) {
      return err(400, 100, '(#100) since and until must be valid times, since before until');
    }
    const days = (until - since) / 86_400_000;
    if (who.kind === 'page') {
      const bad = metrics.find((m) => !PAGE_METRICS.has(m));
      if (bad) return err(400, 100, '(#100) The value must be a valid insights metric');
      if (p.get('period') !== 'day') return err(400, 100, '(#100) period must be one of: day');
      if (days > PAGE_MAX_RANGE_DAYS) {
        return err(400, 100, `(#100) There cannot be more than ${PAGE_MAX_RANGE_DAYS} days between since and until`);
      }
      return this.pageInsightsAnswer(node, metrics, since, until);
    }
    const type = p.get('metric_type') ?? 'time_series';
    const known = type === 'total_value' ? IG_TOTAL_VALUE : IG_TIME_SERIES;
    const bad = metrics.find((m) => !known.has(m));
    if (bad === 'impressions') {
      return err(
        400,
        100,
        'Starting from version 22 and above, the impressions metric is no longer supported for the queried user.',
      );
    }
    if (bad && IG_TOTAL_VALUE.has(bad)) {
      return err(
        400,
        100,
        `(#100) The following metrics (${bad}) should be specified with parameter metric_type=total_value`,
      );
    }
    if (bad) return err(400, 100, `(#100) metric[${metrics.indexOf(bad)}] must be one of the following values`);
    if (p.get('period') !== 'day') return err(400, 100, '(#100) Incompatible period for the requested metrics');
    if (days > IG_MAX_RANGE_DAYS) {
      return err(400, 100, `(#100) There cannot be more than ${IG_MAX_RANGE_DAYS} days between since and until`);
    }
    if (type !== 'total_value')
      return err(400, 100, '(#100) The fake serves Instagram account insights as total_value');
    const stored = [...(this.igInsights.get(node) ?? new Map<string, Record<string, number>>())].filter(([date]) => {
      const noon = Date.parse(`${date}T12:00:00Z`);
      return noon >= since && noon < until;
    });
    // No data in the window: an empty data set, not zeros (documented limitation).
    if (stored.length === 0) return { status: 200, body: { data: [] } };
    const data = metrics.map((name) => ({
      name,
      period: 'day',
      title: name,
      description: `Fake ${name}`,
      total_value: { value: stored.reduce((sum, [, v]) => sum + (v[name] ?? 0), 0) },
      id: `${node}/insights/${name}/day`,
    }));
    return { status: 200, body: { data } };
  }

  private ownsObject(id: string, who: { kind: string; id: string }): boolean {
    return who.kind === 'page'
      ? this.posts.some((x) => x.id === id && x.pageId === who.id)
      : this.media.some((x) => x.id === id && x.igUserId === who.id);
  }

  /** Lifetime insights of one Page post or Instagram media. */
  private objectInsights(id: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    const metrics = (p.get('metric') ?? '').split(',').filter(Boolean);
    this.insightQueries.push(p.get('metric') ?? '');
    if (metrics.length === 0) {
      return err(400, 3001, 'No metric was specified to be fetched. Please specify one or more metrics.', 1504028);
    }
    const known = who.kind === 'page' ? POST_METRICS : MEDIA_METRICS;
    const bad = metrics.find((m) => !known.has(m));
    if (bad === 'impressions' && who.kind === 'ig') {
      return err(
        400,
        100,
        'Starting from version 22 and above, the impressions metric is no longer supported for the queried media.',
      );
    }
    if (bad) return err(400, 100, '(#100) The value must be a valid insights metric');
    const figures = this.postFigures.get(id);
    if (!figures && who.kind === 'ig') return { status: 200, body: { data: [] } };
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: figures?.[name] ?? 0 }],
      title: name,
      description: `Fake ${name}`,
      id: `${id}/insights/${name}/lifetime`,
    }));
    return { status: 200, body: { data } };
  }

  /** A Page post's fields: reaction and comment totals as summaries, shares only when there are some. */
  private postFields(id: string, fields: string): FakeResponse {
    const f = this.postFigures.get(id) ?? {};
    const body: Record<string, unknown> = { id };
    if (/reactions\.summary\(total_count\)/.test(fields)) {
      body.reactions = { data: [], summary: { total_count: f.reactions ?? 0, viewer_reaction: 'NONE' } };
    }
    if (/comments\.summary\(total_count\)/.test(fields)) {
      body.comments = { data: [], summary: { order: 'ranked', total_count: f.comments ?? 0, can_comment: true } };
    }
    if (/(^|,)shares(,|$)/.test(fields) && (f.shares ?? 0) > 0) body.shares = { count: f.shares };
    return { status: 200, body };
  }

  private pageInsightsAnswer(page: string, metrics: string[], since: number, until: number): FakeResponse {
    const first = DateTime.fromMillis(since, { zone: META_DAY_ZONE }).startOf('day');
    const last = DateTime.fromMillis(until - 1000, { zone: META_DAY_ZONE }).startOf('day');
    const stored = this.pageInsights.get(page);
    const values = (name: string) => {
      const out: Array<{ value: number; end_time: string }> = [];
      for (let d = first; d <= last; d = d.plus({ days: 1 })) {
        out.push({
          value: stored?.get(d.toISODate() as string)?.[name] ?? 0,
          end_time: graphTime(d.plus({ days: 1 }).toJSDate()),
        });
      }
      return out;
    };
    const data = metrics.map((name) => ({
      name,
      period: 'day',
      values: values(name),
      title: `Daily ${name}`,
      description: `Daily: fake ${name}`,
      id: `${page}/insights/${name}/day`,
    }));
    // Like Graph: previous and next are the adjacent windows of the same length.
    const span = Math.round((until - since) / 1000);
    const window = (from: number) =>
      `${this.url}/v21.0/${page}/insights?metric=${metrics.join(',')}&period=day&since=${from}&until=${from + span}`;
    const s = Math.round(since / 1000);
    return { status: 200, body: { data, paging: { previous: window(s - span), next: window(s + span) } } };
  }

  private post(
    node: string,
    edge: string,
    p: URLSearchParams,
    who: { kind: string; id: string },
  ): FakeResponse | Promise<FakeResponse> {
    if (node !== who.id)
      return err(403, 200, "(#200) The user hasn't authorized the application to perform this action");
    const id = () => String(++this.seq);
    if (who.kind === 'page') {
      if (edge === 'feed') {
        const attached = [...p.keys()].filter((k) => k.startsWith('attached_media'));
        if (!p.get('message') && !p.get('link') && attached.length === 0) {
          return err(400, 100, '(#100) Missing message or attachment');
        }
        const post = { pageId: node, id: `${node}_${id()}`, message: p.get('message') ?? '' };
        this.posts.push(post);
        return { status: 200, body: { id: post.id } };
      }
      if (edge === 'photos') {
        if (!p.get('url')) return err(400, 324, '(#324) Requires upload file');
        const photoId = id();
        if (p.get('published') === 'false') return { status: 200, body: { id: photoId } };
        const post = {
          pageId: node,
          id: `${node}_${photoId}`,
          message: p.get('message') ?? '',
          photo: p.get('url') ?? '',
        };
        this.posts.push(post);
        return { status: 200, body: { id: photoId, post_id: post.id } };
      }
      if (edge === 'videos') {
        if (!p.get('file_url')) return err(400, 100, '(#100) file_url is required');
        const videoId = id();
        this.posts.push({
          pageId: node,
          id: videoId,
          message: p.get('description') ?? '',
          video: p.get('file_url') ?? '',
        });
        return { status: 200, body: { id: videoId } };
      }
    }
    if (who.kind === 'ig') {
      if (edge === 'media') {
        return createIgContainer(node, p, {
          id,
          err,
          containers: this.containers,
          videoPolls: this.videoPolls,
          nextStatus: this.nextContainerStatus,
        });
      }
      if (edge === 'media_publish') {
        const c = this.containers.get(p.get('creation_id') ?? '');
        if (!c || c.igUserId !== node) return err(400, 100, 'Invalid parameter', 2207006);
        if (c.status !== 'FINISHED') return err(400, 9007, 'Media ID is not available', 2207027);
        if (this.quota.usage >= this.quota.total) return err(400, 9, 'Application request limit reached', 2207042);
        c.status = 'PUBLISHED';
        c.mediaId = id();
        this.quota.usage++;
        this.media.push({ id: c.mediaId, igUserId: node, ...(c.caption === undefined ? {} : { caption: c.caption }) });
        return { status: 200, body: { id: c.mediaId } };
      }
    }
    return err(400, 100, `(#100) Unknown edge ${edge}`);
  }
}
