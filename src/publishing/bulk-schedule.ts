/**
 * Many posts from one CSV file (`mktbot schedule-import FILE.csv`): every row is checked the way
 * /schedule checks one post (the time in the workspace's zone, each network's rules, the account),
 * and the file is scheduled all or nothing, so a typo on line 40 never leaves 39 posts scheduled and
 * the rest forgotten. Each row may name several channels; each channel gets a post of its own with
 * its own status and publish-once key.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, Workspace } from '@prisma/client';
import { z } from 'zod';
import type { MediaItem } from '../../integrations/publisher.js';
import type { Db } from '../db/client.js';
import { CsvSyntaxError, parseCsv } from '../lib/csv.js';
import { closest } from '../lib/text.js';
import { parseWhen } from '../lib/when.js';
import { tagPostText } from './links/utm.js';
import {
  CHANNELS,
  type Channel,
  checkRules,
  type Draft,
  FIRST_COMMENT_CHANNELS,
  limitsOf,
  mediaFromUrl,
  REMINDER,
  type RuleProblem,
} from './scheduler.js';

export const REQUIRED_COLUMNS = ['when', 'channels', 'text'] as const;
export const OPTIONAL_COLUMNS = ['media', 'campaign', 'first_comment', 'title', 'account'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** More than a month of several posts a day; a bigger file is likely a mistake (or a metrics file). */
export const MAX_ROWS = 5000;

/** Why a row (or the file) cannot be scheduled; turned into words by the caller's catalog. */
export type BulkProblem = { line: number } & (
  | { kind: 'syntax'; message: string }
  | { kind: 'empty' }
  | { kind: 'tooMany'; max: number }
  | { kind: 'missingColumns'; columns: string[] }
  | { kind: 'unknownColumn'; column: string; suggestions: string[] }
  | { kind: 'missingValue'; column: Column }
  | { kind: 'unknownChannel'; channel: string; suggestions: string[] }
  | { kind: 'when'; value: string; problem: Extract<ReturnType<typeof parseWhen>, { ok: false }>['problem'] }
  | { kind: 'badMedia'; value: string }
  | { kind: 'rules'; channel: Channel; problems: RuleProblem[]; draft: Draft }
  | { kind: 'firstComment' }
  | { kind: 'whichAccount'; channel: Channel; accounts: string[] }
  | { kind: 'unknownAccount'; channel: Channel; account: string; accounts: string[] }
  | { kind: 'sameAs'; otherLine: number; channel: Channel }
  | { kind: 'alreadyScheduled'; id: number; channel: Channel }
);

export interface BulkPost {
  line: number;
  draft: Draft;
  campaign: string | null;
}

export type BulkCheck = { ok: true; posts: BulkPost[] } | { ok: false; problems: BulkProblem[] };

const httpsUrl = z.url({ protocol: /^https$/ });

/** Reads and checks the whole file; nothing is written. */
export async function checkScheduleCsv(db: Db, workspace: Workspace, csv: string, now: Date): Promise<BulkCheck> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return fail({ line: err.line, kind: 'syntax', message: err.message });
    throw err;
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) return fail({ line: header?.line ?? 1, kind: 'empty' });
  if (rows.length > MAX_ROWS) return fail({ line: 1, kind: 'tooMany', max: MAX_ROWS });

  const names = header.fields.map((f) => f.trim().toLowerCase());
  const problems: BulkProblem[] = [];
  names.forEach((n) => {
    if (!COLUMNS.includes(n))
      problems.push({ line: 1, kind: 'unknownColumn', column: n, suggestions: closest(n, COLUMNS) });
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) problems.push({ line: 1, kind: 'missingColumns', columns: missing });
  if (problems.length > 0) return { ok: false, problems };
  const cell = (fields: string[], c: Column) => {
    const i = names.indexOf(c);
    return i < 0 ? '' : (fields[i] ?? '').trim();
  };

  const accounts = await accountsByChannel(db, workspace.id);
  const posts: BulkPost[] = [];
  for (const { line, fields } of rows) {
    const before = problems.length;
    for (const c of REQUIRED_COLUMNS) {
      if (c !== 'text' && cell(fields, c) === '') problems.push({ line, kind: 'missingValue', column: c });
    }
    const channels = readChannels(cell(fields, 'channels'), line, problems);
    const firstComment = cell(fields, 'first_comment');
    // A row for Facebook and Instagram comments first on Instagram only; a row with no such channel is refused.
    if (firstComment !== '' && channels.length > 0 && !channels.some((c) => FIRST_COMMENT_CHANNELS.includes(c))) {
      problems.push({ line, kind: 'firstComment' });
    }
    const whenText = cell(fields, 'when');
    const when = whenText === '' ? undefined : parseWhen(whenText, workspace.timezone, now);
    if (when && !when.ok) problems.push({ line, kind: 'when', value: whenText, problem: when.problem });
    const media = readMedia(cell(fields, 'media'), line, problems);
    if (problems.length > before || !when?.ok) continue;

    const title = cell(fields, 'title') || null;
    const account = cell(fields, 'account') || null;
    for (const channel of channels) {
      // Links are tagged as /schedule tags them, before the length rules count them.
      const tag = (text: string) =>
        tagPostText(text, { channel, campaign: cell(fields, 'campaign') || null, publishAt: when.utc }, workspace);
      const draft: Draft = {
        channel,
        content: tag(cell(fields, 'text')),
        title: limitsOf(channel)?.title ? title : null,
        media,
        publishAt: when.utc,
        accountId: pickAccount(channel, account, accounts, line, problems),
        ...(firstComment && FIRST_COMMENT_CHANNELS.includes(channel)
          ? { options: { firstComment: tag(firstComment) } }
          : {}),
      };
      const broken = checkRules(draft);
      if (broken.length > 0) problems.push({ line, kind: 'rules', channel, problems: broken, draft });
      posts.push({ line, draft, campaign: cell(fields, 'campaign') || null });
    }
  }
  problems.push(...(await duplicates(db, workspace.id, posts)));
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, posts };
}

/**
 * Schedules checked posts in one transaction (campaigns named in the file are created when new).
 * Posts wait for approval when the workspace requires it, as /schedule's do.
 */
export async function scheduleChecked(
  db: Db,
  workspace: Workspace,
  posts: readonly BulkPost[],
  by: string,
): Promise<number> {
  const status = workspace.requireApproval ? 'awaiting_approval' : 'pending';
  return db.$transaction(async (tx) => {
    const campaignIds = new Map<string, number>();
    for (const name of new Set(posts.flatMap((p) => (p.campaign ? [p.campaign] : [])))) {
      const c = await tx.campaign.upsert({
        where: { workspaceId_name: { workspaceId: workspace.id, name } },
        create: { workspaceId: workspace.id, name, currency: workspace.currency },
        update: {},
        select: { id: true },
      });
      campaignIds.set(name, c.id);
    }
    const data = posts.map(({ draft, campaign }) => ({
      workspaceId: workspace.id,
      campaignId: campaign ? (campaignIds.get(campaign) ?? null) : null,
      channel: draft.channel,
      content: draft.content,
      title: draft.title,
      media: draft.media as unknown as Prisma.InputJsonValue,
      publishAt: draft.publishAt,
      accountId: draft.accountId ?? null,
      ...(draft.options ? { options: draft.options } : {}),
      status,
      idempotencyKey: randomUUID(),
      createdById: by,
    }));
    // In slices: each row binds a dozen values and the SQLite driver caps bound values per statement.
    for (let i = 0; i < data.length; i += 50) await tx.scheduledPost.createMany({ data: data.slice(i, i + 50) });
    return data.length;
  });
}

function fail(p: BulkProblem): BulkCheck {
  return { ok: false, problems: [p] };
}

const PUBLISHING: readonly string[] = CHANNELS;

function readChannels(value: string, line: number, problems: BulkProblem[]): Channel[] {
  const out: Channel[] = [];
  for (const raw of value.split(/[;|,]/)) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (PUBLISHING.includes(name)) {
      if (!out.includes(name as Channel)) out.push(name as Channel);
    } else {
      problems.push({ line, kind: 'unknownChannel', channel: name, suggestions: closest(name, PUBLISHING) });
    }
  }
  return out;
}

function readMedia(value: string, line: number, problems: BulkProblem[]): MediaItem[] {
  const out: MediaItem[] = [];
  for (const url of value.split(/[\s;|]+/).filter(Boolean)) {
    if (httpsUrl.safeParse(url).success) out.push(mediaFromUrl(url));
    else problems.push({ line, kind: 'badMedia', value: url });
  }
  return out;
}

async function accountsByChannel(db: Db, workspaceId: number): Promise<Map<string, string[]>> {
  const rows = await db.integration.findMany({
    where: { workspaceId },
    select: { provider: true, accountId: true },
    orderBy: { accountId: 'asc' },
  });
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.provider, [...(map.get(r.provider) ?? []), r.accountId]);
  return map;
}

/**
 * The account a post goes through, recorded now so a later connection cannot redirect it: the one
 * named, or the only one connected; several connected and none named is a problem, as in /schedule.
 * None connected yet: null (it fails with a clear notice at its time unless someone connects one).
 */
function pickAccount(
  channel: Channel,
  named: string | null,
  accounts: ReadonlyMap<string, string[]>,
  line: number,
  problems: BulkProblem[],
): string | null {
  if (channel === REMINDER) return null;
  const connected = accounts.get(channel) ?? [];
  if (named) {
    if (connected.length > 0 && !connected.includes(named)) {
      problems.push({ line, kind: 'unknownAccount', channel, account: named, accounts: connected });
    }
    return named;
  }
  if (connected.length > 1) problems.push({ line, kind: 'whichAccount', channel, accounts: connected });
  return connected[0] ?? null;
}

/** The same post twice in the file, or one already scheduled (a file imported twice). */
export async function duplicates(db: Db, workspaceId: number, posts: readonly BulkPost[]): Promise<BulkProblem[]> {
  if (posts.length === 0) return [];
  const key = (d: Pick<Draft, 'channel' | 'publishAt' | 'content'> & { accountId?: string | null }) =>
    `${d.channel}\u0000${d.accountId ?? ''}\u0000${d.publishAt.getTime()}\u0000${d.content}`;
  const problems: BulkProblem[] = [];
  const seen = new Map<string, number>();
  for (const p of posts) {
    const k = key(p.draft);
    const other = seen.get(k);
    if (other !== undefined)
      problems.push({ line: p.line, kind: 'sameAs', otherLine: other, channel: p.draft.channel });
    else seen.set(k, p.line);
  }
  const times = posts.map((p) => p.draft.publishAt.getTime());
  const live = await db.scheduledPost.findMany({
    where: {
      workspaceId,
      publishAt: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) },
      status: { notIn: ['cancelled', 'failed'] },
    },
    select: { id: true, channel: true, accountId: true, publishAt: true, content: true },
  });
  const existing = new Map(live.map((r) => [key({ ...r, channel: r.channel as Channel }), r.id]));
  for (const p of posts) {
    const id = existing.get(key(p.draft));
    if (id !== undefined) problems.push({ line: p.line, kind: 'alreadyScheduled', id, channel: p.draft.channel });
  }
  return problems;
}
