/**
 * The words for a bulk schedule (src/publishing/bulk-schedule.ts): one line per problem, each
 * starting with the file's line number, and the summary of what was scheduled.
 */
import { defineMessages, formatNumber } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { count } from '../lib/plural.js';
import { dateFigure } from '../lib/when.js';
import type { BulkPost, BulkProblem } from './bulk-schedule.js';
import { channelName, ruleProblemsText, whenProblemText } from './schedule-view.js';
import { CHANNELS } from './scheduler.js';

const POST = {
  en: { one: 'post', other: 'posts' },
  ar: { one: 'منشور واحد', two: 'منشورين', few: 'منشورات', many: 'منشورًا', other: 'منشور' },
};

const m = defineMessages(
  'bulk-schedule',
  {
    line: (p: { line: string; text: string }) => `line ${p.line}: ${p.text}`,
    empty: 'the file has no posts: a header row (when,channels,text) and one row per post are needed',
    tooMany: (p: { max: string }) => `the file has more than ${p.max} rows: split it into smaller files`,
    missingColumns: (p: { columns: string }) =>
      `the header lacks the column(s) ${p.columns}; the columns are when, channels, text and optionally media, campaign, title, account, first_comment`,
    unknownColumn: (p: { column: string; hint: string }) => `unknown column "${p.column}"${p.hint}`,
    didYouMean: (p: { names: string }) => ` (did you mean ${p.names}?)`,
    missingValue: (p: { column: string }) => `the ${p.column} cell is empty`,
    unknownChannel: (p: { channel: string; hint: string; known: string }) =>
      `"${p.channel}" is not a channel mktbot publishes to${p.hint}; use one of ${p.known}`,
    badMedia: (p: { value: string }) => `media "${p.value}" is not a public https:// link`,
    firstComment: 'only Instagram posts a first comment, and this row has no Instagram post: leave first_comment empty',
    whichAccount: (p: { channel: string; accounts: string }) =>
      `${p.channel} has several connected accounts (${p.accounts}): name one in the account column`,
    unknownAccount: (p: { channel: string; account: string; accounts: string }) =>
      `${p.account} is not a connected ${p.channel} account (connected: ${p.accounts})`,
    sameAs: (p: { other: string; channel: string }) => `the same ${p.channel} post as line ${p.other}`,
    alreadyScheduled: (p: { id: string; channel: string }) => `this ${p.channel} post is already scheduled as #${p.id}`,
    onChannel: (p: { channel: string; text: string }) => `${p.channel}: ${p.text}`,
    refused: (p: { file: string; problems: string }) =>
      `${p.file}: nothing scheduled, ${p.problems} to fix (the file is scheduled all or nothing):`,
    preview: (p: { posts: string; rows: string; from: string; to: string; zone: string }) =>
      `${p.posts} from ${p.rows}, from ${p.from} to ${p.to} (${p.zone}):`,
    previewLine: (p: { when: string; channel: string; text: string }) => `  ${p.when}  ${p.channel}  ${p.text}`,
    previewMore: (p: { posts: string }) => `  … and ${p.posts} not shown here`,
    problemsMore: (p: { problems: string }) => `  … and ${p.problems} not shown here`,
    done: (p: { posts: string }) => `Scheduled ${p.posts}. See them with /schedule list.`,
    doneAwaiting: (p: { posts: string }) =>
      `Scheduled ${p.posts}; they wait for a manager's approval (/schedule list shows them).`,
    dryRun: 'Checked only (--dry-run): nothing was scheduled.',
  },
  {
    line: (p) => `السطر ${p.line}: ${p.text}`,
    empty: 'لا منشورات في الملف: يلزم سطر عناوين (when,channels,text) وسطر لكل منشور',
    tooMany: (p) => `في الملف أكثر من ${p.max} سطر: قسّمه إلى ملفات أصغر`,
    missingColumns: (p) =>
      `ينقص سطرَ العناوين العمودُ ${p.columns}؛ الأعمدة هي when وchannels وtext، واختياريًا media وcampaign وtitle وaccount وfirst_comment`,
    unknownColumn: (p) => `عمود غير معروف «${p.column}»${p.hint}`,
    didYouMean: (p) => ` (هل تقصد ${p.names}؟)`,
    missingValue: (p) => `خانة ${p.column} فارغة`,
    unknownChannel: (p) => `«${p.channel}» ليست قناة ينشر عليها mktbot${p.hint}؛ استخدم إحدى القنوات: ${p.known}`,
    badMedia: (p) => `الوسائط «${p.value}» ليست رابطًا عامًا يبدأ بـ https://`,
    firstComment: 'إنستغرام وحده ينشر تعليقًا أول، ولا منشور إنستغرام في هذا السطر: اترك خانة first_comment فارغة',
    whichAccount: (p) => `لدى ${p.channel} أكثر من حساب مربوط (${p.accounts}): اذكر أحدها في عمود account`,
    unknownAccount: (p) => `${p.account} ليس حسابًا مربوطًا على ${p.channel} (المربوطة: ${p.accounts})`,
    sameAs: (p) => `منشور ${p.channel} نفسه الذي في السطر ${p.other}`,
    alreadyScheduled: (p) => `منشور ${p.channel} هذا مجدول بالفعل برقم #${p.id}`,
    onChannel: (p) => `${p.channel}: ${p.text}`,
    refused: (p) => `${p.file}: لم يُجدول شيء، ويجب إصلاح ${p.problems} (يُجدول الملف كله أو لا شيء):`,
    preview: (p) => `${p.posts} من ${p.rows}، من ${p.from} إلى ${p.to} (${p.zone}):`,
    previewLine: (p) => `  ${p.when}  ${p.channel}  ${p.text}`,
    previewMore: (p) => `  … و${p.posts} غيرها`,
    problemsMore: (p) => `  … و${p.problems} أخرى`,
    done: (p) => `جُدول ${p.posts}. اعرضها بالأمر /schedule list.`,
    doneAwaiting: (p) => `جُدول ${p.posts}، وهي بانتظار موافقة مدير (يعرضها الأمر /schedule list).`,
    dryRun: 'فحص فقط (--dry-run): لم يُجدول شيء.',
  },
);

const PROBLEM = {
  en: { one: 'problem', other: 'problems' },
  ar: { one: 'مشكلة واحدة', two: 'مشكلتين', few: 'مشكلات', many: 'مشكلةً', other: 'مشكلة' },
};
const ROW = {
  en: { one: 'row', other: 'rows' },
  ar: { one: 'صف واحد', two: 'صفين', few: 'صفوف', many: 'صفًا', other: 'صف' },
};

export function bulkProblemText(p: BulkProblem, v: Viewer): string {
  const t = v.t(m);
  const n = (x: number) => formatNumber(x, v.locale);
  const list = (xs: readonly string[]) => xs.join(v.locale === 'ar' ? '، ' : ', ');
  const hint = (names: readonly string[]) => (names.length > 0 ? t.didYouMean({ names: list(names) }) : '');
  const channel = (c: string) => channelName(c, v);
  const body = (): string => {
    switch (p.kind) {
      case 'syntax':
        return p.message;
      case 'empty':
        return t.empty;
      case 'tooMany':
        return t.tooMany({ max: n(p.max) });
      case 'missingColumns':
        return t.missingColumns({ columns: list(p.columns) });
      case 'unknownColumn':
        return t.unknownColumn({ column: p.column, hint: hint(p.suggestions) });
      case 'missingValue':
        return t.missingValue({ column: p.column });
      case 'unknownChannel':
        return t.unknownChannel({ channel: p.channel, hint: hint(p.suggestions), known: list(CHANNELS) });
      case 'when':
        return whenProblemText(p.problem, p.value, v);
      case 'badMedia':
        return t.badMedia({ value: p.value });
      case 'rules':
        return (
          ruleProblemsText(p.problems, p.draft, v)
            .split('\n')
            // Several channels share a row: name the one a rule belongs to unless its text already does.
            .map((text) =>
              text.includes(channel(p.channel)) ? text : t.onChannel({ channel: channel(p.channel), text }),
            )
            .join('; ')
        );
      case 'firstComment':
        return t.firstComment;
      case 'whichAccount':
        return t.whichAccount({ channel: channel(p.channel), accounts: list(p.accounts) });
      case 'unknownAccount':
        return t.unknownAccount({ channel: channel(p.channel), account: p.account, accounts: list(p.accounts) });
      case 'sameAs':
        return t.sameAs({ other: n(p.otherLine), channel: channel(p.channel) });
      case 'alreadyScheduled':
        return t.alreadyScheduled({ id: String(p.id), channel: channel(p.channel) });
    }
  };
  return t.line({ line: n(p.line), text: body() });
}

/** Every problem, or the first `shown` of them and how many more (a chat message has a length limit). */
export function refusedText(file: string, problems: readonly BulkProblem[], v: Viewer, shown = Infinity): string {
  const t = v.t(m);
  const more = problems.length - shown;
  return [
    t.refused({ file, problems: count(problems.length, PROBLEM, v.locale) }),
    ...problems.slice(0, shown).map((p) => `  ${bulkProblemText(p, v)}`),
    ...(more > 0 ? [t.problemsMore({ problems: count(more, PROBLEM, v.locale) })] : []),
  ].join('\n');
}

/** What will be scheduled: the count, the span and the first posts, one line each. */
export function previewText(posts: readonly BulkPost[], rows: number, v: Viewer, shown = 10): string {
  const t = v.t(m);
  const sorted = [...posts].sort((a, b) => a.draft.publishAt.getTime() - b.draft.publishAt.getTime());
  const first = sorted[0]?.draft.publishAt ?? v.now();
  const last = sorted.at(-1)?.draft.publishAt ?? first;
  const lines = sorted.slice(0, shown).map((p) =>
    t.previewLine({
      when: dateFigure(p.draft.publishAt, v.timezone, v.locale, 'moment'),
      channel: channelName(p.draft.channel, v),
      text: oneLine(p.draft.title ?? p.draft.content),
    }),
  );
  if (sorted.length > shown) lines.push(t.previewMore({ posts: count(sorted.length - shown, POST, v.locale) }));
  return [
    t.preview({
      posts: count(posts.length, POST, v.locale),
      rows: count(rows, ROW, v.locale),
      from: dateFigure(first, v.timezone, v.locale, 'moment'),
      to: dateFigure(last, v.timezone, v.locale, 'moment'),
      zone: v.timezone,
    }),
    ...lines,
  ].join('\n');
}

export function doneText(scheduled: number, awaiting: boolean, v: Viewer): string {
  const t = v.t(m);
  const posts = count(scheduled, POST, v.locale);
  return awaiting ? t.doneAwaiting({ posts }) : t.done({ posts });
}

export function dryRunText(v: Viewer): string {
  return v.t(m).dryRun;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
