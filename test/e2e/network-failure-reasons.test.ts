/**
 * Why a network refused a post, as people read it: each publisher, against its fake answering in the
 * network's own error shape, names a reason (src/publishing/failure-reason.ts) and decides whether
 * trying again can help (fail at once, retry after the network's reset, or reconnect). The reason is
 * read back in English and in Arabic, the network's words quoted inside the sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacebookPublisher } from '../../integrations/facebook/publisher.js';
import { fixedToken, GoogleOAuth } from '../../integrations/google/oauth.js';
import { InstagramPublisher } from '../../integrations/instagram/publisher.js';
import { LinkedInPublisher } from '../../integrations/linkedin/publisher.js';
import { MailchimpPublisher } from '../../integrations/mailchimp/publisher.js';
import { PublishError, type PublishIo, type PublishPost } from '../../integrations/publisher.js';
import { TiktokPublisher } from '../../integrations/tiktok/publisher.js';
import { XPublisher } from '../../integrations/x/publisher.js';
import { YoutubePublisher } from '../../integrations/youtube/publisher.js';
import type { Locale } from '../../src/core/i18n.js';
import { AllowList } from '../../src/net/address-policy.js';
import { SafeFetch } from '../../src/net/safe-fetch.js';
import { reasonText, storedReason } from '../../src/publishing/failure-reason.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { FakeMailchimp } from '../fakes/mailchimp.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { FakeServer } from '../fakes/server.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { allowedLatin, latinWords } from '../helpers/arabic.js';
import { ADMIN_TOKEN, NO_WRITE_TOKEN, ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { jpeg, mp4 } from '../helpers/media.js';
import { MP4, seedTiktok, TT_NO_PUBLISH_TOKEN, TT_TOKEN } from '../helpers/tiktok.js';
import { seedX, X_NO_WRITE_TOKEN, X_TOKEN } from '../helpers/x.js';

const outbound = new SafeFetch({ allow: new AllowList(['127.0.0.1']) });
const LIMITS = { maxBytes: 5_000_000, timeoutMs: 5000 };
const NOW = new Date('2026-11-26T09:00:00Z');

function post(over: Partial<PublishPost>): PublishPost {
  return {
    id: 1,
    channel: 'x',
    content: 'Fresh cups today',
    title: null,
    media: [],
    publishAt: NOW,
    idempotencyKey: 'k',
    ...over,
  };
}

function io(now = () => NOW): PublishIo {
  const o: PublishIo = {
    state: {},
    saveState: async (next) => {
      o.state = next;
    },
    sending: async () => {},
    now,
    sleep: async () => {},
  };
  return o;
}

/** The PublishError a publish ends with (a publish that succeeds fails the test). */
async function refusal(publishing: Promise<unknown>): Promise<PublishError> {
  try {
    await publishing;
  } catch (err) {
    if (err instanceof PublishError) return err;
    throw err;
  }
  throw new Error('it was published');
}

const read = (e: PublishError, locale: Locale) => reasonText(storedReason(e), locale);

/** The Arabic reason has no English outside the network's own words, which it quotes in «…». */
function expectArabic(e: PublishError): string {
  const ar = read(e, 'ar');
  const ours = ar.replace(/«[^»]*»/g, '');
  const ok = allowedLatin();
  expect(
    latinWords(ours).filter((w) => !ok.has(w.toLowerCase())),
    ar,
  ).toEqual([]);
  return ar;
}

describe('X', () => {
  const xapi = new FakeX();
  beforeAll(async () => {
    await xapi.start();
    seedX(xapi);
    xapi.now = () => NOW;
  });
  afterAll(() => xapi.close());
  const x = (token = X_TOKEN) =>
    new XPublisher(
      xapi.url,
      { userId: '1500000000000000001', username: 'ColdBrewCo', token },
      outbound,
      LIMITS,
      () => NOW,
    );

  it('the same text twice: a duplicate, failed at once, worded in both languages with X’s words quoted', async () => {
    await x().publish(post({ content: 'Same words, twice' }), io());
    const e = await refusal(x().publish(post({ content: 'Same words, twice' }), io()));
    expect(e.reason).toMatchObject({ code: 'duplicatePost', params: { provider: 'x' } });
    expect(e.retryable).toBe(false);
    expect(e.outcome).toBe('known');
    expect(read(e, 'en')).toBe(
      'X refused the post because this account already published the same text. Reword it before trying again. The error, as reported: “You are not allowed to create a Tweet with duplicate content.”',
    );
    const ar = expectArabic(e);
    expect(ar).toContain('لأن هذا الحساب نشر النص نفسه من قبل');
    expect(ar).toContain('You are not allowed to create a Tweet with duplicate content.');
  });

  it('a spent 24-hour posting limit waits for its reset, not for the 15-minute window', async () => {
    xapi.posts.length = 0;
    xapi.userDailyPosts = 1;
    try {
      await x().publish(post({ content: 'First of the day' }), io());
      const e = await refusal(x().publish(post({ content: 'Second of the day' }), io()));
      expect(e.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'x' } });
      expect(e.retryable).toBe(true);
      // The oldest post of the day leaves the window 24 hours after it went out.
      expect(e.retryAfterMs).toBe(86_400_000);
      expect(expectArabic(e)).toContain('وقد بلغ هذا الحساب الحدّ');
    } finally {
      xapi.userDailyPosts = undefined;
    }
  });

  it('X’s other 403s are quoted as X says them (their words are shared by several causes); a refused token needs reconnecting', async () => {
    const scope = await refusal(x(X_NO_WRITE_TOKEN).publish(post({ content: 'No scope' }), io()));
    expect(scope.reason).toBeUndefined();
    expect(scope.retryable).toBe(false);
    expect(read(scope, 'en')).toMatch(/^The error, as reported: “X API error 403 Forbidden: You are not permitted/);
    const token = await refusal(x('revoked-token').publish(post({ content: 'Old token' }), io()));
    expect(token.reauth).toBe(true);
    expect(token.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'x' } });
    expect(expectArabic(token)).toContain('يجب تجديد الاتصال بـ');
  });
});

describe('LinkedIn', () => {
  const li = new FakeLinkedIn();
  beforeAll(async () => {
    await li.start();
    seedLinkedIn(li);
  });
  afterAll(() => li.close());
  const linkedin = (token = ADMIN_TOKEN) =>
    new LinkedInPublisher(
      { base: li.url, version: '202606' },
      { organizationId: ORG, token },
      outbound,
      LIMITS,
      () => NOW,
    );

  it('the same text twice: LinkedIn’s DUPLICATE_POST fails at once, read in both languages', async () => {
    await linkedin().publish(post({ channel: 'linkedin', content: 'Monday roast notes' }), io());
    const e = await refusal(linkedin().publish(post({ channel: 'linkedin', content: 'Monday roast notes' }), io()));
    expect(e.reason).toMatchObject({ code: 'duplicatePost', params: { provider: 'linkedin' } });
    expect(e.retryable).toBe(false);
    expect(read(e, 'en')).toMatch(/^LinkedIn refused the post because this account already published the same text/);
    expect(read(e, 'en')).toContain('Content is a duplicate of urn:li:share:');
    expect(expectArabic(e)).toMatch(/^رفضت .*لينكدإن.* المنشور لأن هذا الحساب نشر النص نفسه/);
  });

  it('a 429 without Retry-After waits for the daily reset at midnight UTC, not a quarter of an hour', async () => {
    li.server.failNext('POST', /^\/rest\/posts$/, {
      status: 429,
      body: { status: 429, message: 'Resource level throttle limit for calls to this resource is reached.' },
    });
    const e = await refusal(linkedin().publish(post({ channel: 'linkedin', content: 'Tuesday brew notes' }), io()));
    expect(e.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'linkedin' } });
    expect(e.retryable).toBe(true);
    // 09:00 UTC: fifteen hours to midnight.
    expect(e.retryAfterMs).toBe(15 * 3_600_000);
  });

  it('a token without w_organization_social lacks a permission; a refused token needs reconnecting', async () => {
    const scope = await refusal(linkedin(NO_WRITE_TOKEN).publish(post({ channel: 'linkedin' }), io()));
    expect(scope.reason).toMatchObject({ code: 'missingPermission', params: { provider: 'linkedin' } });
    const token = await refusal(linkedin('expired-token').publish(post({ channel: 'linkedin' }), io()));
    expect(token.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'linkedin' } });
    expect(token.reauth).toBe(true);
  });
});

describe('TikTok', () => {
  const tt = new FakeTiktok();
  let video: string;
  beforeAll(async () => {
    await tt.start();
    seedTiktok(tt);
    video = tt.addMedia('clip.mp4', MP4);
  });
  afterAll(() => tt.close());
  const tiktok = (token = TT_TOKEN) =>
    new TiktokPublisher(tt.url, { openId: 'open-ColdBrew-1', username: 'coldbrewco', token }, () => NOW);
  const clip = () => post({ channel: 'tiktok', media: [{ url: video, kind: 'video' }] });
  const creator = () => tt.creator(TT_TOKEN);

  it('an unaudited app posting for a public account: private accounts only, failed at once, in both languages', async () => {
    tt.unaudited = true;
    try {
      const e = await refusal(tiktok().publish(clip(), io()));
      expect(e.reason).toMatchObject({ code: 'privateAccountsOnly', params: { provider: 'tiktok' } });
      expect(e.retryable).toBe(false);
      expect(read(e, 'en')).toContain('Make the account private, or ask whoever runs the bot');
      expect(expectArabic(e)).toContain('اجعل الحساب خاصًا');
    } finally {
      tt.unaudited = false;
    }
  });

  it('a creator TikTok barred from posting fails at once instead of retrying hourly', async () => {
    creator().banned = true;
    try {
      const e = await refusal(tiktok().publish(clip(), io()));
      expect(e.reason).toMatchObject({ code: 'postingBlocked', params: { provider: 'tiktok' } });
      expect(e.retryable).toBe(false);
    } finally {
      creator().banned = false;
    }
  });

  it('the daily post cap waits and tries again; privacy options changed meanwhile fail at once', async () => {
    creator().dailyPosts = tt.publishes.length;
    try {
      const capped = await refusal(tiktok().publish(clip(), io()));
      expect(capped.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'tiktok' } });
      expect(capped.retryable).toBe(true);
    } finally {
      creator().dailyPosts = undefined;
    }
    creator().changePrivacyAfterQuery = ['SELF_ONLY'];
    const e = await refusal(tiktok().publish(clip(), io()));
    creator().privacy = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
    expect(e.reason).toMatchObject({ code: 'privacyOptionRefused', params: { provider: 'tiktok' } });
    expect(e.retryable).toBe(false);
    expect(read(e, 'en')).toContain('Trying again reads them afresh');
  });

  it('a video from an unverified address, a token without video.publish, a refused token', async () => {
    const unverified = await refusal(
      tiktok().publish(
        post({ channel: 'tiktok', media: [{ url: 'https://cdn.example.com/a.mp4', kind: 'video' }] }),
        io(),
      ),
    );
    expect(unverified.reason).toMatchObject({ code: 'mediaSourceUnverified', params: { provider: 'tiktok' } });
    const scope = await refusal(tiktok(TT_NO_PUBLISH_TOKEN).publish(clip(), io()));
    expect(scope.reason).toMatchObject({ code: 'missingPermission', params: { provider: 'tiktok' } });
    const token = await refusal(tiktok('act.expired').publish(clip(), io()));
    expect(token.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'tiktok' } });
    expect(token.reauth).toBe(true);
  });
});

describe('YouTube', () => {
  const yt = new FakeYoutube();
  let video: string;
  const token = 'ya29.youtube-token';
  beforeAll(async () => {
    await yt.start();
    yt.now = () => NOW;
    yt.oauth.addAccessToken(token, { channelId: 'UC123', title: 'Cold Brew Co' });
    video = yt.addMedia('clip.mp4', mp4(5000));
  });
  afterAll(() => yt.close());
  const youtube = (tokens = fixedToken(token)) => new YoutubePublisher(yt.url, tokens, LIMITS, outbound);
  const clip = () => post({ channel: 'youtube', title: 'Roast day', media: [{ url: video, kind: 'video' }] });

  it('the project’s daily quota waits until midnight Pacific time, read in both languages', async () => {
    yt.dailyInserts = 0;
    try {
      const e = await refusal(youtube().publish(clip(), io()));
      expect(e.reason).toMatchObject({ code: 'dailyQuotaSpent', params: { provider: 'youtube' } });
      expect(e.retryable).toBe(true);
      // 09:00 UTC is 01:00 in Los Angeles: 23 hours to its midnight.
      expect(e.retryAfterMs).toBe(23 * 3_600_000);
      expect(read(e, 'en')).toContain('which renews at midnight Pacific time');
      expect(expectArabic(e)).toContain('تتجدّد عند منتصف الليل بتوقيت المحيط الهادئ');
    } finally {
      yt.dailyInserts = 100;
    }
  });

  it('the channel’s upload limit waits 24 hours', async () => {
    yt.channelDailyUploads = 0;
    try {
      const e = await refusal(youtube().publish(clip(), io()));
      expect(e.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'youtube' } });
      expect(e.retryAfterMs).toBe(24 * 3_600_000);
    } finally {
      yt.channelDailyUploads = undefined;
    }
  });

  it('a refused token and a revoked grant both need reconnecting, named YouTube', async () => {
    const token401 = await refusal(youtube(fixedToken('ya29.unknown')).publish(clip(), io()));
    expect(token401.reauth).toBe(true);
    expect(token401.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'youtube' } });
    yt.oauth.setClient('client-1', 'secret-1');
    yt.oauth.addRefreshToken('1//revoked', { channelId: 'UC123', title: 'Cold Brew Co' });
    yt.oauth.revoke('1//revoked');
    const google = new GoogleOAuth({ base: yt.url, clientId: 'client-1', clientSecret: 'secret-1' }, () => NOW);
    const grant = await refusal(youtube(google.source('1//revoked')).publish(clip(), io()));
    expect(grant.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'youtube' } });
    expect(grant.reason?.detail).toMatch(/^invalid_grant/);
    expect(read(grant, 'en')).toMatch(
      /^The YouTube connection needs to be renewed: an admin should run \/connect youtube\./,
    );
  });
});

describe('Instagram', () => {
  const meta = new FakeMetaGraph();
  const files = new FakeServer((req) =>
    req.path === '/wide.jpg'
      ? { status: 200, body: jpeg(3000, 1000), headers: { 'content-type': 'image/jpeg' } }
      : { status: 404 },
  );
  const IG = '17841400000000001';
  const token = 'EAAGig-token-123';
  beforeAll(async () => {
    await meta.start();
    await files.start();
    meta.addInstagram(IG, token, 'coldbrewco');
  });
  afterAll(async () => {
    await meta.close();
    await files.close();
  });
  const instagram = (t = token) =>
    new InstagramPublisher(meta.url, { igUserId: IG, token: t }, { pollMs: 1, polls: 3 }, () => NOW);
  const picture = (url = 'https://cdn.example.com/cup.jpg') =>
    post({ channel: 'instagram', media: [{ url, kind: 'image' }] });
  const graphError = (code: number, subcode: number, message: string) => ({
    status: 400,
    body: { error: { message, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'AbC' } },
  });

  it('media not ready at media_publish (9007/2207027) is tried again, not failed', async () => {
    meta.server.failNext('POST', /\/media_publish$/, graphError(9007, 2207027, 'Media ID is not available'));
    const e = await refusal(instagram().publish(picture(), io()));
    expect(e.reason).toMatchObject({ code: 'mediaNotReady', params: { provider: 'instagram' } });
    expect(e.retryable).toBe(true);
    expect(e.outcome).toBe('known');
    expect(expectArabic(e)).toContain('لا تزال تعالج الوسائط');
  });

  it('the publishing limit, whether the bot reads it first or media_publish says it (9/2207042), waits an hour', async () => {
    meta.server.failNext(
      'POST',
      /\/media_publish$/,
      graphError(
        9,
        2207042,
        'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
      ),
    );
    const said = await refusal(instagram().publish(picture(), io()));
    expect(said.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'instagram' } });
    expect(said.retryAfterMs).toBe(3_600_000);
    meta.quota = { usage: 50, total: 50 };
    try {
      const read1 = await refusal(instagram().publish(picture(), io()));
      expect(read1.reason).toMatchObject({ code: 'postingLimit', params: { provider: 'instagram' } });
      expect(read1.retryable).toBe(true);
    } finally {
      meta.quota = { usage: 0, total: 50 };
    }
  });

  it('a throttled Instagram account waits as long as Meta’s X-Business-Use-Case-Usage says, not a fixed 5 minutes', async () => {
    meta.server.failNext('POST', /\/media_publish$/, {
      status: 400,
      headers: {
        'x-business-use-case-usage': JSON.stringify({
          [IG]: [
            {
              type: 'instagram',
              call_count: 100,
              total_cputime: 12,
              total_time: 30,
              estimated_time_to_regain_access: 37,
            },
          ],
        }),
      },
      body: {
        error: {
          message: 'There have been too many calls to this Instagram account. Wait a bit and try again.',
          type: 'OAuthException',
          code: 80002,
          fbtrace_id: 'AbC',
        },
      },
    });
    const e = await refusal(instagram().publish(picture(), io()));
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(37 * 60_000);
  });

  it('a picture wider than 1.91:1 is refused for its shape (36003/2207009), in both languages', async () => {
    const e = await refusal(instagram().publish(picture(`${files.url}/wide.jpg`), io()));
    expect(e.reason).toMatchObject({ code: 'imageShape', params: { provider: 'instagram' } });
    expect(e.retryable).toBe(false);
    expect(read(e, 'en')).toContain('it takes from 4:5 (upright) to 1.91:1 (wide)');
    expect(expectArabic(e)).toContain('قُصّ الصورة ثم جدولها من جديد');
  });

  it('a refused token (190) needs reconnecting, named Instagram, and named Facebook on a page', async () => {
    const e = await refusal(instagram('EAAG-wrong').publish(picture(), io()));
    expect(e.reauth).toBe(true);
    expect(e.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'instagram' } });
    const page = new FacebookPublisher(meta.url, { pageId: '111', token: 'EAAG-wrong' }, () => NOW);
    const fb = await refusal(page.publish(post({ channel: 'facebook' }), io()));
    expect(fb.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'facebook' } });
    expect(expectArabic(fb)).toContain('يجب تجديد الاتصال بـ');
  });
});

describe('Mailchimp', () => {
  const mc = new FakeMailchimp();
  const KEY = 'k0123456789abcdef-us19';
  beforeAll(async () => {
    await mc.start();
    mc.addKey(KEY);
    mc.addList('list1', 'Newsletter', 'Cold Brew Co', 'hello@coldbrew.example');
    mc.now = () => NOW;
  });
  afterAll(() => mc.close());
  const mailchimp = (apiKey = KEY) =>
    new MailchimpPublisher(
      { apiKey, listId: 'list1', fromName: 'Cold Brew Co', replyTo: 'hello@coldbrew.example' },
      mc.url,
      () => NOW,
    );
  const email = () => post({ channel: 'mailchimp', title: 'News', publishAt: new Date('2026-11-26T12:00:00Z') });

  it('a campaign not ready to send fails at once and says what its checklist names, in both languages', async () => {
    mc.verifiedDomains = new Set(['brand.example']);
    try {
      const e = await refusal(mailchimp().publish(email(), io()));
      expect(e.reason).toMatchObject({ code: 'campaignNotReady', params: { provider: 'mailchimp' } });
      expect(e.retryable).toBe(false);
      expect(read(e, 'en')).toBe(
        'Mailchimp will not send this campaign yet: its send checklist is not complete. Fix what the checklist names in Mailchimp, then try again. The error, as reported: “From email address: coldbrew.example is not a verified domain. Verify it to send from hello@coldbrew.example.”',
      );
      expect(expectArabic(e)).toContain('قائمة التحقق قبل الإرسال غير مكتملة');
    } finally {
      mc.verifiedDomains = undefined;
    }
  });

  it('an API key Mailchimp refuses needs reconnecting', async () => {
    const e = await refusal(mailchimp('k-disabled-us19').publish(email(), io()));
    expect(e.reauth).toBe(true);
    expect(e.reason).toMatchObject({ code: 'needsReconnect', params: { provider: 'mailchimp' } });
    expect(read(e, 'en')).toContain('API Key Invalid');
  });
});
