/**
 * The provider contract itself (integrations/provider.ts, docs/architecture.md §3.3): every network
 * in the registry is declared once and consistently, the features offer exactly what the
 * providers declare, and a provider added to a copy of the registry shows up in the scheduler's
 * channels and rules with nothing else changed ("one folder + one line").
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import connect from '../../commands/connect.js';
import { GoogleOAuth } from '../../integrations/google/oauth.js';
import { type PostLimits, type Provider, type ProviderDeps, providersWith } from '../../integrations/provider.js';
import type { MediaItem } from '../../integrations/publisher.js';
import {
  type CommentingId,
  PROVIDERS,
  type ProviderId,
  type PublishingId,
  providerById,
} from '../../integrations/registry.js';
import { LOCALES } from '../../src/core/i18n.js';
import { MAX_REPLY_CHARS } from '../../src/listening/comment-replies.js';
import type { SafeFetch } from '../../src/net/safe-fetch.js';
import { CHANNEL_RULES, channelRulesOf, DRAFT_CHANNELS, rulesFor } from '../../src/publishing/drafts/channels.js';
import { handoverChannels } from '../../src/publishing/due-posts.js';
import {
  CHANNELS,
  type Channel,
  channelsOf,
  checkRules,
  type Draft,
  REMINDER,
  type RuleProblem,
} from '../../src/publishing/scheduler.js';
import { METRIC_SOURCES } from '../../src/reporting/metric-pull.js';
import { COMMENT_PROVIDERS, isCommentProvider, isProvider } from '../../src/workspace/integrations.js';

/** The registry as features see it: every capability optional. */
const ALL: readonly Provider[] = PROVIDERS;
const publishing = providersWith(ALL, 'publish');
const AT_QUARTER = new Date('2026-11-27T06:00:00Z');

/** The smallest post the limits accept: the text, title and media they ask for, on a quarter hour. */
function validDraft(channel: string, limits: PostLimits): Draft {
  const media: MediaItem[] =
    limits.media?.required === 'video'
      ? [{ url: 'https://cdn.example.com/v.mp4', kind: 'video' }]
      : limits.media
        ? [{ url: 'https://cdn.example.com/a.jpg', kind: 'image' }]
        : [];
  return {
    channel: channel as Channel,
    content: 'Hello',
    title: limits.title ? 'A title' : null,
    media,
    publishAt: AT_QUARTER,
  };
}

const kinds = (problems: RuleProblem[]) => problems.map((p) => p.kind);

describe('the provider registry', () => {
  it('gives every provider a unique, stable id, a name, and /connect help in every language', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of ALL) {
      expect(p.id).toMatch(/^[a-z0-9]+$/);
      expect(p.name.trim()).not.toBe('');
      expect(providerById(p.id)).toBe(p);
      for (const locale of LOCALES) {
        expect(p.connect.help.account[locale].trim()).not.toBe('');
        expect(p.connect.help.token[locale].trim()).not.toBe('');
        if (p.connect.accountId) expect(p.connect.accountId.invalid[locale].trim()).not.toBe('');
        if (p.tokenRefresh) expect(p.tokenRefresh.accessToken.message[locale].trim()).not.toBe('');
      }
    }
    // The channel order people see (the /draft and /schedule choices) is the registry's.
    expect(ids).toEqual(['instagram', 'facebook', 'linkedin', 'x', 'tiktok', 'youtube', 'mailchimp', 'ga4']);
  });

  it('says in the types what each network can do', () => {
    expectTypeOf<ProviderId>().toEqualTypeOf<
      'instagram' | 'facebook' | 'linkedin' | 'x' | 'tiktok' | 'youtube' | 'mailchimp' | 'ga4'
    >();
    expectTypeOf<PublishingId>().toEqualTypeOf<
      'instagram' | 'facebook' | 'linkedin' | 'x' | 'tiktok' | 'youtube' | 'mailchimp'
    >();
    expectTypeOf<CommentingId>().toEqualTypeOf<'instagram' | 'facebook' | 'youtube'>();
    expectTypeOf<Channel>().toEqualTypeOf<PublishingId | 'reminder'>();
  });

  it('offers for publishing exactly the networks that have `publish`, then the reminder', () => {
    expect(CHANNELS).toEqual(['instagram', 'facebook', 'linkedin', 'x', 'tiktok', 'youtube', 'mailchimp', 'reminder']);
    for (const c of CHANNELS) if (c !== REMINDER) expect(providerById(c)?.publish).toBeDefined();
    expect(DRAFT_CHANNELS).toEqual(publishing.map((p) => p.id));
    expect(Object.keys(CHANNEL_RULES)).toEqual(publishing.map((p) => p.id));
    // ga4 is connected and read, never published to.
    expect(isProvider('ga4')).toBe(true);
    expect(CHANNELS).not.toContain('ga4');
  });

  it('hands over early exactly the networks that hold the schedule themselves', () => {
    expect(handoverChannels(PROVIDERS)).toEqual(['youtube', 'mailchimp']);
    for (const id of handoverChannels(PROVIDERS)) expect(providerById(id)?.publish?.holdsSchedule).toBe(true);
  });

  it('polls and answers comments exactly on the networks that have `comments`', () => {
    expect(COMMENT_PROVIDERS).toEqual(providersWith(PROVIDERS, 'comments').map((p) => p.id));
    expect(COMMENT_PROVIDERS).toEqual(['instagram', 'facebook', 'youtube']);
    for (const p of ALL) expect(isCommentProvider(p.id)).toBe(p.comments !== undefined);
    for (const p of providersWith(PROVIDERS, 'comments')) {
      if (p.comments.maxReply !== undefined) expect(MAX_REPLY_CHARS).toBeLessThanOrEqual(p.comments.maxReply);
    }
  });

  it('pulls metrics from exactly the networks that have `insights`, each on its own channel', () => {
    expect(METRIC_SOURCES.map((p) => p.id)).toEqual(providersWith(PROVIDERS, 'insights').map((p) => p.id));
    expect(METRIC_SOURCES.map((p) => [p.id, p.insights.channel, p.insights.days])).toEqual([
      ['instagram', 'instagram', 7],
      ['facebook', 'facebook', 7],
      ['mailchimp', 'mailchimp', 30],
      ['ga4', 'web', 7],
    ]);
    const channels = METRIC_SOURCES.map((p) => p.insights.channel);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('has a /connect sub-action for every provider, and only those', () => {
    const subs = connect.subcommands.map((s) => s.name).filter((n) => n !== 'status');
    expect(subs.sort()).toEqual(PROVIDERS.map((p) => p.id).sort());
  });

  it('builds every capability from parsed credentials without calling the network', () => {
    const deps: ProviderDeps = {
      config: {
        META_GRAPH_URL: 'http://127.0.0.1:9',
        YOUTUBE_API_URL: 'http://127.0.0.1:9',
        MAILCHIMP_API_URL: 'http://127.0.0.1:9',
        GA4_API_URL: 'http://127.0.0.1:9',
        LINKEDIN_API_URL: 'http://127.0.0.1:9',
        LINKEDIN_VERSION: '202606',
        X_API_URL: 'http://127.0.0.1:9',
        TIKTOK_API_URL: 'http://127.0.0.1:9',
      },
      now: () => AT_QUARTER,
      outbound: {} as SafeFetch,
      google: new GoogleOAuth({ base: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret' }, () => AT_QUARTER),
      commentTimeoutMs: 1000,
    };
    const sample: Record<ProviderId, unknown> = {
      facebook: { pageId: '1', token: 't' },
      instagram: { igUserId: '1', token: 't' },
      youtube: { channelId: 'UC1', refreshToken: '1//r' },
      mailchimp: { apiKey: 'k-us1', listId: 'l', fromName: 'Brand', replyTo: 'a@b.c' },
      ga4: { propertyId: '123', refreshToken: '1//r' },
      linkedin: { organizationId: '123', token: 't' },
      x: { userId: '123', username: 'brand', token: 't' },
      tiktok: { openId: 'o1', username: 'brand', token: 'act.t' },
    };
    for (const p of ALL) {
      const creds = p.credentials.parse(sample[p.id as ProviderId]);
      if (p.publish) expect(typeof p.publish.create(creds, deps).publish).toBe('function');
      if (p.comments) {
        const c = p.comments.create(creds, deps, []);
        expect([typeof c.fetchSince, typeof c.reply]).toEqual(['function', 'function']);
      }
      if (p.insights) expect(p.insights.days).toBeGreaterThan(0);
      // A stored value of another shape is not this provider's: reading it asks for reconnecting.
      expect(p.credentials.safeParse({ something: 'else' }).success).toBe(false);
    }
  });
});

describe('limits: the provider is the one source the scheduler and the drafter read', () => {
  it.each(publishing.map((p) => [p.id, p] as const))('%s: the scheduler enforces what it declares', (id, p) => {
    const limits = p.publish.limits;
    const ok = validDraft(id, limits);
    expect(checkRules(ok)).toEqual([]);

    const { text, title, media } = limits;
    if (text.max !== undefined) {
      expect(checkRules({ ...ok, content: 'a'.repeat(text.max) })).toEqual([]);
      expect(checkRules({ ...ok, content: 'a'.repeat(text.max + 1) })).toEqual([
        {
          kind: 'tooLong',
          what: text.label,
          max: text.max,
          got: text.max + 1,
          // A network that takes threads says the text can be split.
          ...(text.thread ? { threadable: true } : {}),
        },
      ]);
    }
    if (text.maxHashtags !== undefined) {
      const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ');
      expect(checkRules({ ...ok, content: tags(text.maxHashtags) })).toEqual([]);
      expect(kinds(checkRules({ ...ok, content: tags(text.maxHashtags + 1) }))).toEqual(['tooManyHashtags']);
    }
    if (text.required === 'always') expect(kinds(checkRules({ ...ok, content: '' }))).toEqual(['needsText']);
    if (text.required === 'withoutMedia') {
      expect(checkRules({ ...ok, content: '', media: [{ url: 'https://x.example/a.jpg', kind: 'image' }] })).toEqual(
        [],
      );
      expect(kinds(checkRules({ ...ok, content: '', media: [] }))).toEqual(['needsText']);
    }
    if (title) {
      expect(kinds(checkRules({ ...ok, title: null }))).toEqual(['needsTitle']);
      expect(checkRules({ ...ok, title: 't'.repeat(title.max) })).toEqual([]);
      expect(checkRules({ ...ok, title: 't'.repeat(title.max + 1) })).toEqual([
        { kind: 'tooLong', what: title.label, max: title.max, got: title.max + 1 },
      ]);
    }
    if (media?.required === 'any') expect(kinds(checkRules({ ...ok, media: [] }))).toEqual(['needsMedia']);
    if (media?.required === 'video') {
      const image: MediaItem[] = [{ url: 'https://x.example/a.jpg', kind: 'image' }];
      expect(kinds(checkRules({ ...ok, media: image }))).toEqual(['needsVideo']);
    }
    const offQuarter = { ...ok, publishAt: new Date(AT_QUARTER.getTime() + 7 * 60_000) };
    expect(kinds(checkRules(offQuarter))).toEqual(limits.quarterHour ? ['notQuarterHour'] : []);
  });

  it.each(publishing.map((p) => [p.id, p] as const))('%s: drafts stay within what it declares', (id, p) => {
    const limits = p.publish.limits;
    const rules = CHANNEL_RULES[id as PublishingId];
    if (limits.text.max !== undefined) expect(rules.maxText).toBeLessThanOrEqual(limits.text.max);
    if (limits.text.maxHashtags !== undefined) expect(rules.maxHashtags).toBeLessThanOrEqual(limits.text.maxHashtags);
    expect(rules.maxTitle).toBe(limits.title?.label === 'title' ? limits.title.max : undefined);
    if (limits.title?.label === 'subject') expect(rules.maxSubject).toBeLessThanOrEqual(limits.title.max);
    else expect(rules.maxSubject).toBeUndefined();
    expect(rules.countsBytes ?? false).toBe(limits.text.counted === 'bytes');
    expect(rules.forbidden).toBe(limits.text.forbidden);
    expect(rules.needsMedia).toBe(limits.media !== undefined);
  });

  it('keeps the figures the scheduler and the drafter used before the providers held them', () => {
    expect(
      Object.fromEntries(
        publishing.map((p) => {
          const { text, title } = p.publish.limits;
          return [p.id, [text.max, text.maxHashtags, title?.max]];
        }),
      ),
    ).toEqual({
      instagram: [2200, 30, undefined],
      facebook: [63_206, undefined, undefined],
      linkedin: [3000, undefined, undefined],
      x: [280, undefined, undefined],
      tiktok: [2200, undefined, undefined],
      youtube: [5000, undefined, 100],
      mailchimp: [undefined, undefined, 150],
    });
    expect(CHANNEL_RULES).toMatchObject({
      // House style within those limits: 3 to 10 Instagram hashtags, short Facebook posts, 30-60 character subjects.
      instagram: { maxText: 2200, maxHashtags: 10, minHashtags: 3, maxHook: 125, noLinks: true },
      facebook: { maxText: 1000, maxHashtags: 3 },
      linkedin: { maxText: 3000, maxHashtags: 3 },
      x: { maxText: 240, maxHashtags: 2 },
      tiktok: { maxText: 300, maxHashtags: 5 },
      youtube: { maxText: 5000, maxHashtags: 3, maxTitle: 100, countsBytes: true },
      mailchimp: { maxText: 60_000, maxHashtags: 0, maxSubject: 60, minSubject: 30, maxPreview: 150 },
    });
  });

  it('never lets the house style exceed a declared limit', () => {
    const limits: PostLimits = { text: { label: 'text', max: 100, maxHashtags: 2 } };
    expect(rulesFor(limits, { maxText: 5000, maxHashtags: 10 })).toMatchObject({ maxText: 100, maxHashtags: 2 });
  });
});

describe('adding a network is one provider object and one registry line', () => {
  const clips = {
    id: 'clips',
    name: 'Clips',
    credentials: z.object({ token: z.string() }),
    connect: {
      help: { account: { en: 'Account', ar: 'الحساب' }, token: { en: 'Token', ar: 'الرمز' } },
      check: async (input: { token: string }) => ({ credentials: { token: input.token }, name: 'Clips account' }),
    },
    publish: {
      create: () => ({ publish: async () => ({ externalId: 'x' }) }),
      limits: { media: { required: 'video' }, text: { label: 'caption', max: 150, maxHashtags: 5 } },
      holdsSchedule: true,
    },
  } as const satisfies Provider<{ token: string }>;
  const copy: readonly Provider[] = [...PROVIDERS, clips];

  it("appears in the scheduler's channels, before the reminder, and in the drafter's", () => {
    expect(channelsOf(copy)).toEqual([
      'instagram',
      'facebook',
      'linkedin',
      'x',
      'tiktok',
      'youtube',
      'mailchimp',
      'clips',
      'reminder',
    ]);
    expect(channelRulesOf(copy).clips).toEqual({ maxText: 150, maxHashtags: 5, needsMedia: true });
    expect(handoverChannels(copy)).toContain('clips');
    // The real registry is untouched.
    expect(CHANNELS).not.toContain('clips');
  });

  it('has its limits enforced when a post is scheduled', () => {
    const post = { ...validDraft('clips', clips.publish.limits), content: 'c'.repeat(151), media: [] };
    expect(kinds(checkRules(post, copy))).toEqual(['needsVideo', 'tooLong']);
    expect(checkRules(post, copy)[1]).toEqual({ kind: 'tooLong', what: 'caption', max: 150, got: 151 });
    // Without the registry line, the scheduler knows no rules for it.
    expect(checkRules(post)).toEqual([]);
  });

  it('reads or answers no comments and pulls no metrics unless it declares them', () => {
    expect(providersWith(copy, 'comments').map((p) => p.id)).not.toContain('clips');
    expect(providersWith(copy, 'insights').map((p) => p.id)).not.toContain('clips');
  });
});
