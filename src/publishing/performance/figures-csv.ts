/**
 * Post figures from a CSV file (`mktbot import-post-figures FILE.csv`), for posts whose network the bot
 * cannot read (a page without read_insights, figures from another tool): columns `post` (the number
 * /schedule list shows), `impressions` (views) and `engagements` (interactions), whole numbers. The
 * file is stored all or nothing; every problem is named with its line. A post read back later by the
 * daily job gets the network's figures instead.
 */
import { defineMessages, iso } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import type { Db } from '../../db/client.js';
import { CsvSyntaxError, parseCsv } from '../../lib/csv.js';
import { count } from '../../lib/plural.js';

export const FIGURE_COLUMNS = ['post', 'impressions', 'engagements'] as const;

export type FiguresProblem =
  | { line: number; kind: 'syntax'; detail: string }
  | { line: number; kind: 'missingColumn'; column: string }
  | { line: number; kind: 'unknownColumn'; column: string }
  | { line: number; kind: 'badNumber'; column: string; value: string }
  | { line: number; kind: 'noPost'; post: string }
  | { line: number; kind: 'notPublished'; post: number }
  | { line: number; kind: 'twice'; post: number; first: number };

export type FiguresImport = { ok: true; updated: number } | { ok: false; problems: FiguresProblem[] };

const WHOLE = /^\d{1,10}$/;

export async function importPostFigures(db: Db, workspaceId: number, csv: string, now: Date): Promise<FiguresImport> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { ok: false, problems: [{ line: 1, kind: 'syntax', detail: err.message }] };
  }
  const [header, ...rows] = records;
  const columns = (header?.fields ?? []).map((c) => c.trim().toLowerCase());
  const problems: FiguresProblem[] = [];
  for (const c of FIGURE_COLUMNS)
    if (!columns.includes(c)) problems.push({ line: 1, kind: 'missingColumn', column: c });
  for (const c of columns)
    if (!(FIGURE_COLUMNS as readonly string[]).includes(c))
      problems.push({ line: 1, kind: 'unknownColumn', column: c });
  if (problems.length > 0) return { ok: false, problems };
  const at = (fields: string[], c: string) => (fields[columns.indexOf(c)] ?? '').trim();
  const wanted = new Map<number, { line: number; impressions: number; engagements: number }>();
  for (const r of rows) {
    if (r.fields.every((f) => f.trim() === '')) continue;
    const values: Record<string, number> = {};
    for (const c of FIGURE_COLUMNS) {
      const v = at(r.fields, c).replace(/^#/, '');
      if (!WHOLE.test(v) || Number(v) > 2_147_483_647) {
        problems.push(
          c === 'post'
            ? { line: r.line, kind: 'noPost', post: at(r.fields, c) }
            : { line: r.line, kind: 'badNumber', column: c, value: v },
        );
      } else values[c] = Number(v);
    }
    const post = values.post;
    if (post === undefined || values.impressions === undefined || values.engagements === undefined) continue;
    const earlier = wanted.get(post);
    if (earlier) problems.push({ line: r.line, kind: 'twice', post, first: earlier.line });
    else wanted.set(post, { line: r.line, impressions: values.impressions, engagements: values.engagements });
  }
  const found = await db.scheduledPost.findMany({
    where: { workspaceId, id: { in: [...wanted.keys()] } },
    select: { id: true, status: true },
  });
  for (const [id, w] of wanted) {
    const p = found.find((x) => x.id === id);
    if (!p) problems.push({ line: w.line, kind: 'noPost', post: String(id) });
    else if (p.status !== 'published') problems.push({ line: w.line, kind: 'notPublished', post: id });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  await db.$transaction(
    [...wanted].map(([id, w]) =>
      db.scheduledPost.updateMany({
        where: { id, workspaceId },
        data: { impressions: w.impressions, engagements: w.engagements, metricsAt: now },
      }),
    ),
  );
  return { ok: true, updated: wanted.size };
}

const POST_NOUN = {
  en: { one: 'post', other: 'posts' },
  ar: { one: 'منشور واحد', two: 'منشورين', few: 'منشورات', many: 'منشورًا', other: 'منشور' },
};

const m = defineMessages(
  'post-figures-csv',
  {
    refused: (p: { file: string; problems: string }) =>
      `${p.file}: nothing stored, ${p.problems} to fix (the file is stored all or nothing):`,
    done: (p: { posts: string }) => `Stored the figures of ${p.posts}. /schedule best-times uses them now.`,
    line: (p: { line: number; text: string }) => `line ${p.line}: ${p.text}`,
    syntax: (p: { detail: string }) => `the file is not valid CSV (${p.detail})`,
    missingColumn: (p: { column: string }) =>
      `the column "${p.column}" is missing (columns: post, impressions, engagements)`,
    unknownColumn: (p: { column: string }) =>
      `"${p.column}" is not a column this file takes (post, impressions, engagements)`,
    badNumber: (p: { column: string; value: string }) =>
      `${p.column} must be a whole number of 0 or more, not "${p.value}"`,
    noPost: (p: { post: string }) => `there is no post #${p.post} in this workspace (/schedule list shows the numbers)`,
    notPublished: (p: { post: number }) => `post #${p.post} has not been published, so it has no figures yet`,
    twice: (p: { post: number; first: number }) => `post #${p.post} is already on line ${p.first}`,
  },
  {
    refused: (p) => `${iso(p.file)}: لم يُحفظ شيء، ويجب إصلاح ${p.problems} (يُحفظ الملف كله أو لا شيء):`,
    done: (p) => `حُفظت أرقام ${p.posts}. يستخدمها الأمر ${iso('/schedule best-times')} من الآن.`,
    line: (p) => `السطر ${iso(p.line)}: ${p.text}`,
    syntax: (p) => `الملف ليس CSV صالحًا (${iso(p.detail)})`,
    missingColumn: (p) => `العمود «${iso(p.column)}» غير موجود (الأعمدة: post وimpressions وengagements)`,
    unknownColumn: (p) => `«${iso(p.column)}» ليس عمودًا يقبله هذا الملف (post وimpressions وengagements)`,
    badNumber: (p) => `يجب أن تكون قيمة ${iso(p.column)} عددًا صحيحًا من 0 فأكثر، لا «${iso(p.value)}»`,
    noPost: (p) => `لا يوجد منشور #${iso(p.post)} في مساحة العمل هذه (يعرض ${iso('/schedule list')} الأرقام)`,
    notPublished: (p) => `لم يُنشر المنشور #${iso(p.post)} بعد، فلا أرقام له`,
    twice: (p) => `المنشور #${iso(p.post)} موجود من قبل في السطر ${iso(p.first)}`,
  },
);

export function figuresImportText(file: string, r: FiguresImport, v: Pick<Viewer, 'locale' | 't'>): string {
  const t = v.t(m);
  if (r.ok) return t.done({ posts: count(r.updated, POST_NOUN, v.locale) });
  const lines = r.problems.map((p) => {
    const text =
      p.kind === 'syntax'
        ? t.syntax(p)
        : p.kind === 'missingColumn'
          ? t.missingColumn(p)
          : p.kind === 'unknownColumn'
            ? t.unknownColumn(p)
            : p.kind === 'badNumber'
              ? t.badNumber(p)
              : p.kind === 'noPost'
                ? t.noPost(p)
                : p.kind === 'notPublished'
                  ? t.notPublished(p)
                  : t.twice(p);
    return `  ${t.line({ line: p.line, text })}`;
  });
  return [t.refused({ file, problems: count(r.problems.length, 'problem', v.locale) }), ...lines].join('\n');
}
