/**
 * The one listening pipeline: every comment (generic push, Meta webhooks, later polling) is stored
 * once, classified with an alert tier, and alerted once: an urgent comment at once, a review-tier
 * one in the workspace's next review summary (review-summary.ts). "Once" rests on the database,
 * not on memory:
 * - the unique key (workspace, provider, externalId) makes the second delivery of a comment fail to
 *   insert, however many arrive at the same time;
 * - an alert is claimed with a conditional update (alertedAt null -> now) before it is posted, so the
 *   live path and the retry sweep never both post it;
 * - escalation is claimed the same way (status new -> escalated).
 */
import type { Comment, Prisma, Workspace } from '@prisma/client';
import { isLocale, type Locale } from '../core/i18n.js';
import { CONSOLE_WORKSPACE } from '../core/identity.js';
import type { Notifier, PostedMessage } from '../core/notifier.js';
import type { Person } from '../core/reply.js';
import type { Db } from '../db/client.js';
import { GroupCommit, type Outcome } from '../db/group-commit.js';
import { retryOnUniqueViolation } from '../db/unique.js';
import type { AppMetrics } from '../http/metrics.js';
import type { Clock } from '../lib/clock.js';
import { storable, storableOr } from '../lib/text.js';
import type { Logger } from '../log.js';
import { managersOf } from '../workspace/job-roles.js';
import { type AlertView, alertMessages, platformName, renderAlert } from './alert-message.js';
import * as store from './comment-store.js';
import type { DraftRequest } from './reply-drafts.js';
import { ReviewSummaries } from './review-summary.js';
import type { SentimentSecondOpinion } from './second-opinion.js';
import { type Adaptation, type Adapted, adapt, type FeedbackLabel, textKey } from './sentiment/adapt.js';
import { type AlertTier, alertTierOf, type Sentiment, type SentimentClassifier } from './sentiment/index.js';
import type { RecordOutcome, SentimentFeedbackService } from './sentiment-feedback.js';

/** An open alert: one was raised, and nobody has handled or ignored it. /alerts and the digest agree on it. */
export function openAlertsOf(workspaceId: number) {
  return { workspaceId, status: { in: ['new', 'escalated'] }, alertedAt: { not: null } };
}

export interface IncomingComment {
  provider: string;
  externalId: string;
  text: string;
  author?: string | undefined;
  postId?: string | undefined;
  url?: string | undefined;
  postedAt?: Date | undefined;
}

export interface IngestResult {
  comment: Comment;
  /** The comment was already stored: nothing was done. */
  duplicate: boolean;
  /** An alert was posted at once (an urgent comment); review-tier comments wait for the summary. */
  alerted: boolean;
}

/** Alerts that could not be posted are retried for this long, then left to /alerts. */
const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The live path owns a new comment's alert for this long before the sweep may take over. */
const LIVE_GRACE_MS = 60 * 1000;

export type { Comment } from '@prisma/client';

/** Database ids are 32-bit on PostgreSQL: a larger one (typed, or forged in a button) finds nothing. */
const MAX_ID = 2 ** 31 - 1;
const OPEN = ['new', 'escalated'];

export class CommentService {
  /** The periodic summaries of review-tier comments. */
  readonly reviews: ReviewSummaries;
  private readonly lookups: ReturnType<typeof store.workspaceLookup>;
  /** The workspace's social media managers, whom an alert mentions (by workspace id). */
  private readonly socialPeople: ReturnType<typeof store.socialManagers>;
  /** Where posted alerts went (so buttons can update them in place). */
  private readonly records: ReturnType<typeof store.alertPlaces>;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      notifier: Notifier;
      sentiment: SentimentClassifier;
      log: Logger;
      /** Counts alerts raised (mktbot_alerts_total). */
      telemetry?: Pick<AppMetrics, 'alerts'>;
      /** The workspace's "Not negative" / "Correct" presses, adapting its classification. */
      feedback?: SentimentFeedbackService;
      /** Asked about review-tier comments before their summary when an LLM is configured. */
      secondOpinion?: SentimentSecondOpinion;
    },
  ) {
    this.lookups = store.workspaceLookup(deps.db);
    this.socialPeople = store.socialManagers(deps.db);
    this.records = store.alertPlaces(deps.db, () => deps.clock.now());
    this.reviews = new ReviewSummaries({
      ...deps,
      feedbackOf: (workspace, commentId) => this.feedbackOf(workspace, commentId),
      judged: async (workspaceId, text) =>
        (await deps.feedback?.adaptationFor(workspaceId))?.exact.has(textKey(text)) ?? false,
    });
  }

  /** One comment of this workspace, or null (another workspace's id finds nothing). */
  find(workspaceId: number, id: number): Promise<Comment | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) return Promise.resolve(null);
    return this.deps.db.comment.findFirst({ where: { id, workspaceId } });
  }

  /** The newest open alerts (at most `limit`) and how many are open in all. */
  async openAlerts(workspaceId: number, limit: number): Promise<{ open: Comment[]; total: number }> {
    const where = openAlertsOf(workspaceId);
    const [open, total] = await Promise.all([
      this.deps.db.comment.findMany({ where, orderBy: { alertedAt: 'desc' }, take: limit }),
      this.deps.db.comment.count({ where }),
    ]);
    return { open, total };
  }

  /** Closes an open alert; false when it was already closed (the first close wins). */
  async close(workspaceId: number, id: number, status: 'handled' | 'ignored', by: string): Promise<boolean> {
    const done = await this.deps.db.comment.updateMany({
      where: { id, workspaceId, status: { in: OPEN } },
      data: { status, handledBy: by, handledAt: this.deps.clock.now() },
    });
    return done.count > 0;
  }

  /**
   * Assigns an open alert to a person (their platform id, so reminders can mention them) and starts
   * their time limit; false when the alert was already closed (it stays as it is).
   */
  async assign(workspaceId: number, id: number, to: string): Promise<boolean> {
    const { db, clock } = this.deps;
    const open = { id, workspaceId, status: { in: OPEN } };
    const moved = await db.comment.updateMany({
      where: { ...open, OR: [{ assignedTo: null }, { assignedTo: { not: to } }] },
      data: { assignedTo: to, assignedAt: clock.now() },
    });
    if (moved.count > 0) return true;
    // Taking again what you already hold keeps its clock: a second press never postpones escalation.
    return (await db.comment.count({ where: { ...open, assignedTo: to } })) > 0;
  }

  /** Keeps a proposed reply on the comment until one is sent, so Send and a re-render use the same text. */
  async keepDraft(workspaceId: number, id: number, draft: string): Promise<void> {
    await this.deps.db.comment.updateMany({ where: { id, workspaceId, repliedAt: null }, data: { replyDraft: draft } });
  }

  /** The workspace behind the console (and behind webhooks that name none). */
  async consoleWorkspace(): Promise<Workspace> {
    // Read first: every webhook without ?workspace asks, and a write each time would queue behind the others.
    const found = await this.workspaceNamed('console', CONSOLE_WORKSPACE);
    if (found) return found;
    // A burst's first webhooks all create it at once: on PostgreSQL the losers then read the winner's row.
    return retryOnUniqueViolation(() =>
      this.deps.db.workspace.upsert({
        where: { platform_externalId: { platform: 'console', externalId: CONSOLE_WORKSPACE } },
        create: { platform: 'console', externalId: CONSOLE_WORKSPACE, name: 'Console' },
        update: {},
      }),
    );
  }

  /** The workspace a webhook names, or null. Lookups arriving together (a burst) share one query. */
  workspaceNamed(platform: string, externalId: string): Promise<Workspace | null> {
    return this.lookups(platform, externalId);
  }

  classify(text: string): Sentiment {
    return this.deps.sentiment.classify(text);
  }

  /** The alert tier of a classification in this workspace (its threshold; feedback already applied). */
  tierOf(workspace: Pick<Workspace, 'alertThreshold'>, s: Sentiment): AlertTier {
    return alertTierOf(s, this.deps.sentiment.cutsFor(s), workspace.alertThreshold);
  }

  /**
   * Stores, classifies and (urgent ones) alerts a comment. Comments arriving together are handled
   * together (lib/group-commit.ts): a burst costs a few statements a batch, not a few per comment,
   * and every comment still gets its own outcome (a failing one costs only itself).
   */
  ingest(workspace: Workspace, raw: IncomingComment): Promise<IngestResult> {
    return this.intake.add({ workspace, raw });
  }

  private readonly intake = new GroupCommit<Arrival, IngestResult>((batch) => this.ingestBatch(batch), BATCH);

  private async ingestBatch(batch: Arrival[]): Promise<Array<Outcome<IngestResult>>> {
    const { db, clock, feedback } = this.deps;
    const now = clock.now();
    // Each workspace's feedback once a batch; then classification, yielding now and then so a
    // large batch does not hold requests (and Slack's 3-second acknowledgements) waiting.
    const adaptations = new Map<number, Adaptation | undefined>();
    for (const { workspace } of batch) {
      if (!adaptations.has(workspace.id)) adaptations.set(workspace.id, await feedback?.adaptationFor(workspace.id));
    }
    const classified: Array<{ row: store.NewComment; s: Adapted } | Error> = [];
    for (const [i, { workspace, raw }] of batch.entries()) {
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
      try {
        classified.push(this.newComment(workspace, raw, adaptations.get(workspace.id), now));
      } catch (err) {
        classified.push(store.asError(err));
      }
    }
    const ok = classified.flatMap((c, i) => (c instanceof Error ? [] : [{ i, ...c }]));
    const stored = await store.storeComments(
      db,
      ok.map((c) => c.row),
    );
    const outcomes: Array<Outcome<IngestResult>> = classified.map((c) =>
      c instanceof Error ? c : new Error('comment not handled'),
    );
    const urgent: Array<{ i: number; comment: Comment; s: Adapted }> = [];
    for (const [j, { i, s }] of ok.entries()) {
      const r = stored[j] as store.Stored | Error;
      if (r instanceof Error) outcomes[i] = r;
      else if (!r.duplicate && r.comment.alertTier === 'urgent') urgent.push({ i, comment: r.comment, s });
      else outcomes[i] = { comment: r.comment, duplicate: r.duplicate, alerted: false };
    }
    const claimed = await this.claim(
      urgent.map((u) => u.comment.id),
      now,
    );
    const mentions = new Map<number, Promise<Person[]>>();
    for (const { i, comment, s } of urgent) {
      const workspace = (batch[i] as Arrival).workspace;
      if (!claimed.has(comment.id)) {
        outcomes[i] = { comment, duplicate: false, alerted: false };
        continue;
      }
      if (!mentions.has(workspace.id)) mentions.set(workspace.id, this.socialPeople(workspace.id));
      outcomes[i] = this.deliver(workspace, comment, now, mentions.get(workspace.id) as Promise<Person[]>, s).then(
        (delivered) => ({ comment: delivered ?? comment, duplicate: false, alerted: delivered !== undefined }),
      );
    }
    return outcomes;
  }

  /**
   * The row to store for a comment: made storable (polled ones come straight from the APIs) and
   * classified offline, adjusted by the workspace's feedback ("Not negative" / "Correct" presses),
   * and tiered at the workspace's threshold. (Review-tier comments get the LLM's second opinion
   * later, before their summary.)
   */
  private newComment(
    workspace: Pick<Workspace, 'id' | 'alertThreshold'>,
    raw: IncomingComment,
    adaptation: Adaptation | undefined,
    now: Date,
  ): { row: store.NewComment; s: Adapted } {
    const text = storable(raw.text);
    const base = this.classify(text);
    const adapted: Adapted = adaptation ? adapt(adaptation, text, base, this.deps.sentiment) : base;
    const s = { ...adapted, alert: this.tierOf(workspace, adapted) };
    const row: store.NewComment = {
      workspaceId: workspace.id,
      provider: raw.provider,
      externalId: storable(raw.externalId),
      text,
      author: storableOr(raw.author) ?? null,
      postId: storableOr(raw.postId) ?? null,
      url: storableOr(raw.url) ?? null,
      postedAt: raw.postedAt ?? null,
      language: s.lang,
      sentiment: s.label,
      score: s.score,
      isQuestion: s.question,
      alertTier: s.alert,
      // The app clock, not the database's: the retry sweep compares it with clock.now().
      createdAt: now,
    };
    return { row, s };
  }

  /** Claims alerts (alertedAt null -> now) in one statement; the ids this call won. */
  private async claim(ids: number[], now: Date): Promise<Set<number>> {
    return store.claimAlerts(this.deps.db, ids, now);
  }

  /** Claims one alert and posts it (the retry sweep); false when another process holds it. */
  private async postAlert(workspace: Workspace, comment: Comment): Promise<boolean> {
    const now = this.deps.clock.now();
    if (!(await this.claim([comment.id], now)).has(comment.id)) return false;
    const mention = this.socialPeople(workspace.id);
    return (await this.deliver(workspace, comment, now, mention)) !== undefined;
  }

  /**
   * Posts a claimed alert and records where it went; the stored comment, or undefined when the post
   * failed: then the claim is released so the sweep tries again. One that was posted is never posted
   * twice, even if recording where it went fails.
   */
  private async deliver(
    workspace: Workspace,
    comment: Comment,
    claimedAt: Date,
    mentionOf: Promise<Person[]>,
    s?: Sentiment,
  ): Promise<Comment | undefined> {
    const { db, notifier, log } = this.deps;
    let posted: PostedMessage;
    try {
      // The social media managers are named, so the alert reaches them (docs/alerts.md, "Who is told").
      const mention = await mentionOf;
      posted = await notifier.post(workspace, 'alerts', {
        ...renderAlert(this.view(workspace, comment, undefined, s)),
        mention,
      });
    } catch (err) {
      log.error({ err, commentId: comment.id, workspaceId: workspace.id }, 'alert could not be posted; will retry');
      await db.comment
        .updateMany({ where: { id: comment.id, alertedAt: claimedAt }, data: { alertedAt: null } })
        .catch((e: unknown) => log.error({ err: e, commentId: comment.id }, 'alert claim not released'));
      return undefined;
    }
    this.deps.telemetry?.alerts.inc({ provider: comment.provider });
    const where = { alertMessageId: posted.messageId ?? null, alertChannel: posted.channel ?? null };
    try {
      return await this.records(comment, claimedAt, where);
    } catch (err) {
      log.error({ err, commentId: comment.id }, 'alert posted, but where it went was not recorded');
      return { ...comment, alertedAt: claimedAt, ...where };
    }
  }

  /** What renderAlert needs, in the workspace's language and zone (`s`: the comment's classification, when at hand). */
  view(workspace: Workspace, comment: Comment, locale?: Locale, s: Sentiment = this.classify(comment.text)): AlertView {
    const lang: Locale = locale ?? (isLocale(workspace.locale) ? workspace.locale : 'en');
    return { comment, locale: lang, timezone: workspace.timezone, complaint: s.complaint, arabizi: s.arabizi };
  }

  /** The view with what only the database knows: the latest feedback press and the assignee's name. */
  async describe(workspace: Workspace, comment: Comment, locale?: Locale): Promise<AlertView> {
    const assignee = comment.assignedTo
      ? await this.deps.db.member.findUnique({
          where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: comment.assignedTo } },
        })
      : null;
    return {
      ...this.view(workspace, comment, locale),
      feedback: await this.feedbackOf(workspace, comment.id),
      ...(assignee?.name ? { assignee: assignee.name } : {}),
    };
  }

  /**
   * Stores a "Not negative" / "Correct" press on a comment of this workspace (the latest press wins)
   * and makes the workspace's next comments use it.
   */
  async recordFeedback(
    workspace: Pick<Workspace, 'id'>,
    comment: Pick<Comment, 'id' | 'workspaceId' | 'text'>,
    label: FeedbackLabel,
    byUser: string,
  ): Promise<RecordOutcome> {
    const { feedback, clock } = this.deps;
    if (!feedback) throw new Error('sentiment feedback is not configured');
    if (comment.workspaceId !== workspace.id) throw new Error('comment of another workspace');
    const { outcome } = await feedback.record({
      workspaceId: workspace.id,
      commentId: comment.id,
      label,
      text: comment.text,
      byUser,
      at: clock.now(),
    });
    return outcome;
  }

  /** The latest feedback press on a comment, as the alert shows it. */
  async feedbackOf(workspace: Pick<Workspace, 'id'>, commentId: number): Promise<AlertView['feedback']> {
    const row = await this.deps.feedback?.of(workspace.id, commentId);
    return row ? { label: row.label, byUser: row.byUser, at: row.createdAt } : undefined;
  }

  /** What the drafter needs to propose a reply in the comment's language. */
  draftRequest(workspace: Workspace, comment: Comment): DraftRequest {
    const s = this.classify(comment.text);
    const fallback = workspace.locale === 'ar' ? 'ar' : 'en';
    return {
      text: comment.text,
      lang: comment.language === 'ar' || comment.language === 'en' ? comment.language : fallback,
      author: comment.author,
      complaint: s.complaint,
      question: comment.isQuestion,
      sentiment: s.label,
    };
  }

  /**
   * Alerts lost to a failed post or a crash between storing and posting: claimed and posted now.
   * Comments younger than a minute are left to the live path that is still handling them.
   */
  async retryMissedAlerts(): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now().getTime();
    const base = {
      alertedAt: null,
      status: 'new',
      createdAt: { gte: new Date(now - RETRY_WINDOW_MS), lte: new Date(now - LIVE_GRACE_MS) },
    };
    let posted = 0;
    // Urgent comments only: review-tier ones go out in the summary, which has its own retry.
    const urgent = { ...base, alertTier: 'urgent' };
    for (const workspace of await this.workspacesWith(urgent)) {
      const missed = await db.comment.findMany({
        where: { ...urgent, workspaceId: workspace.id },
        orderBy: { createdAt: 'asc' },
        take: 100,
      });
      for (const comment of missed) if (await this.postAlert(workspace, comment)) posted++;
    }
    return posted;
  }

  /**
   * Alerts nobody acted on within the workspace's limit escalate once, and so do assigned ones whose
   * assignee's own limit (assigneeMinutes since assignedAt) passed: the conditional update (status
   * new -> escalated, under the same condition) lets exactly one process win, and only the winner
   * posts, naming the managers.
   */
  async escalateOverdue(): Promise<number> {
    const { db, clock, notifier, log } = this.deps;
    const now = clock.now();
    // Review-tier comments went out in a summary: they are not urgent, so they do not escalate.
    const open = {
      status: 'new',
      escalatedAt: null,
      alertedAt: { not: null },
      OR: [{ alertTier: null }, { alertTier: 'urgent' }],
    };
    let escalated = 0;
    for (const workspace of await this.workspacesWith(open)) {
      const overdueWhere = {
        ...open,
        workspaceId: workspace.id,
        OR: [
          { assignedAt: null, alertedAt: { not: null, lte: minutesBefore(now, workspace.escalationMinutes) } },
          { assignedAt: { not: null, lte: minutesBefore(now, workspace.assigneeMinutes) } },
        ],
      } satisfies Prisma.CommentWhereInput;
      const overdue = await db.comment.findMany({ where: overdueWhere, orderBy: { alertedAt: 'asc' }, take: 100 });
      const managers = overdue.length > 0 ? await managersOf(db, workspace.id) : [];
      for (const comment of overdue) {
        const claimed = await db.comment.updateMany({
          where: { ...overdueWhere, id: comment.id },
          data: { status: 'escalated', escalatedAt: now },
        });
        if (claimed.count !== 1) continue;
        const fresh = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
        try {
          const view = await this.describe(workspace, fresh);
          const r = renderAlert({ ...view, escalationMinutes: workspace.escalationMinutes });
          const title = fresh.assignedTo
            ? alertMessages[view.locale].escalatedAssignedTitle({
                platform: platformName(fresh.provider, view.locale),
                who: view.assignee ?? fresh.assignedTo,
                minutes: workspace.assigneeMinutes,
              })
            : r.title;
          await notifier.post(workspace, 'escalation', { ...r, ...(title ? { title } : {}), mention: managers });
          escalated++;
        } catch (err) {
          // Escalation is at most once: a failed post is logged, the alert itself stays open in /alerts.
          log.error({ err, commentId: comment.id }, 'escalation could not be posted');
        }
      }
    }
    return escalated;
  }

  /** Workspaces with at least one comment matching `where` (each job then asks with its own limits). */
  workspacesWith(where: Prisma.CommentWhereInput): Promise<Workspace[]> {
    return store.workspacesWithComments(this.deps.db, where);
  }
}

/** Comments a batch at most, and how often classifying a batch lets other work in. */
const BATCH = 200;
const YIELD_EVERY = 25;

interface Arrival {
  workspace: Workspace;
  raw: IncomingComment;
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
