/**
 * The offline persona, derived from the segment's own words and the brand: gender, age and life
 * stage follow the words ("fathers", "students", «طالبات»); a job role ("HR managers", «مديرو الموارد
 * البشرية») or a B2B brand makes a business buyer with a job title, company size, buying role and
 * objections about price, integration and risk; a consumer gets the channels and objections of the
 * product's category. The traits' vocabulary is data (data/persona-traits.ts).
 */
import { createHash } from 'node:crypto';
import { iso, type L10n, type Locale } from '../core/i18n.js';
import type { BusinessType } from '../workspace/brand.js';
import { businessTypeOf } from './catalog.js';
import {
  B2B_OBJECTIONS,
  B2B_PROFILE,
  BUYING_ROLE_LABELS,
  type BuyingRole,
  CATEGORIES,
  type Category,
  COMPANY_SIZES,
  DEFAULT_COMPANY_SIZE,
  FIRST_NAMES,
  GENDER_WORDS,
  GENERAL_CATEGORY,
  type Gender,
  JOB_ROLES,
  type JobRole,
  LIFE_STAGES,
  type LifeStage,
  SENIORITY,
  YOUNG_WORDS,
} from './data/persona-traits.js';
import { ARCHETYPES, type Archetype } from './data/personas.js';
import { placeOf } from './funnel.js';

export interface PersonaBrief {
  segment: string;
  product: string;
  market: string;
  locale: Locale;
  seed: number;
  /** The brand's business type, when a profile says it. */
  businessType?: BusinessType | undefined;
}

export interface PersonaTraits {
  gender: Gender;
  /** Whether the words said the gender (else it was picked). */
  genderFromWords: boolean;
  age: readonly [number, number];
  stage: LifeStage;
  job?: { role: JobRole; buying: BuyingRole; size: L10n };
  category: Omit<Category, 'words'>;
}

export function segmentWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Words that join a segment's phrases rather than name anything: keywords stop at them. */
const JOINING_WORDS = new Set([
  ...['in', 'of', 'for', 'the', 'a', 'an', 'and', 'or', 'who', 'with', 'at', 'on', 'to', 'from', 'by'],
  ...['في', 'من', 'على', 'إلى', 'عن', 'مع', 'و', 'أو', 'الذين', 'التي', 'الذي', 'لدى', 'ممن'],
]);

/**
 * The segment's phrases as a searcher would type them: «مديرو الموارد البشرية في العيادات» gives
 * «مديرو الموارد البشرية» and «العيادات», never the lone «مديرو» or «البشرية».
 */
export function segmentPhrases(text: string): string[] {
  const phrases: string[] = [];
  let current: string[] = [];
  const close = () => {
    if (current.length > 0) phrases.push(current.join(' '));
    current = [];
  };
  for (const token of text.toLowerCase().split(/([^\p{L}\p{N}]+)/u)) {
    if (token === '') continue;
    if (/^[^\p{L}\p{N}]+$/u.test(token)) {
      // Punctuation ends a phrase; a space does not.
      if (/[^\s]/.test(token)) close();
      continue;
    }
    if (JOINING_WORDS.has(token)) close();
    else current.push(token);
  }
  close();
  return phrases;
}

const hash = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0);
const has = (words: readonly string[], list: readonly string[]) => words.some((w) => list.includes(w));

/** What the segment's words (and the brand's business type) say about the person. */
export function traitsOf(b: PersonaBrief): PersonaTraits {
  const words = segmentWords(b.segment);
  const context = segmentWords(`${b.segment} ${b.product}`);
  const male = has(words, GENDER_WORDS.m);
  const female = has(words, GENDER_WORDS.f);
  const genderFromWords = male !== female;
  const gender: Gender = genderFromWords ? (male ? 'm' : 'f') : hash(b.segment) % 2 === 0 ? 'f' : 'm';
  const stage = LIFE_STAGES.find((s) => has(words, s.words)) ?? (LIFE_STAGES[LIFE_STAGES.length - 1] as LifeStage);
  const young = has(words, YOUNG_WORDS);
  const age: readonly [number, number] =
    young && stage.age[0] >= 25 ? [Math.max(20, stage.age[0] - 6), Math.max(30, stage.age[1] - 12)] : stage.age;
  const role = JOB_ROLES.find((r) => r.words.some((entry) => entry.every((w) => words.includes(w))));
  const b2b = role !== undefined || (b.businessType ?? businessTypeOf(b.product, b.segment)) === 'b2b';
  const category = CATEGORIES.find((c) => has(context, c.words)) ?? GENERAL_CATEGORY;
  if (!b2b) return { gender, genderFromWords, age, stage, category };
  const jobRole = role ?? (JOB_ROLES.find((r) => r.id === 'founder') as JobRole);
  const buying: BuyingRole = jobRole.decides
    ? 'decision'
    : has(words, SENIORITY.decision)
      ? 'decision'
      : has(words, SENIORITY.user)
        ? 'user'
        : 'champion';
  const size = COMPANY_SIZES.find((s) => has(words, s.words))?.label ?? DEFAULT_COMPANY_SIZE;
  return {
    gender,
    genderFromWords,
    age: jobRole.decides || buying === 'decision' ? [35, 55] : [30, 45],
    stage,
    job: { role: jobRole, buying, size },
    category,
  };
}

/**
 * Figures in Arabic text as marked Western digits (iso), so the reply shows them in the workspace's
 * digit style like every other figure (src/lib/digits.ts), never Arabic-Indic next to Latin ones.
 */
const figures = (text: string) =>
  text.replace(/[\u0660-\u0669]+/g, (run) => iso(run.replace(/./g, (d) => String(d.charCodeAt(0) - 0x0660))));

const ageText = (age: readonly [number, number], locale: Locale) => {
  // Marked figures, so the ages take the workspace's digits like every other number (lib/digits).
  const ar = (n: number) => iso(n);
  if (age[1] === 0) return locale === 'ar' ? `${ar(age[0])} عامًا فأكثر` : `${age[0]}+`;
  return locale === 'ar' ? `من ${ar(age[0])} إلى ${ar(age[1])} عامًا` : `${age[0]}-${age[1]}`;
};

/** The place a segment names ("in Doha", «بالرياض»), written as a name: "Doha", «الرياض». */
function placeName(segment: string): string {
  const found = placeOf(segment)?.place;
  if (!found) return '';
  return /\p{Script=Arabic}/u.test(found) ? found : found.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

const GENDER_LABEL: Record<Gender, L10n> = { m: { en: 'man', ar: 'رجل' }, f: { en: 'woman', ar: 'امرأة' } };

export interface PersonaProfile {
  name: string;
  demographics: string;
  goals: string[];
  pains: string[];
  objections: string[];
  channels: PersonaTraitsChannels;
  content: string[];
  messaging: string[];
  keywords: string[];
}
type PersonaTraitsChannels = Array<Category['channels'][number]>;

/** The offline persona for a segment: every field follows the traits read from its words. */
export function offlineProfile(b: PersonaBrief): PersonaProfile {
  const t = traitsOf(b);
  const l = (x: L10n) => x[b.locale];
  const names = FIRST_NAMES[t.gender][b.locale];
  const first = names[(hash(b.segment) + b.seed) % names.length] as string;
  const sep = b.locale === 'ar' ? '، ' : ', ';
  // A phrase of more than three words is a description, not something anyone searches for.
  const own = segmentPhrases(b.segment).filter((x) => x.length > 3 && x.split(' ').length <= 3);
  // The market the person typed, unless it is the segment itself (a brainstorm's "Personas for
  // this" passes its market as the segment): then the place the segment names.
  const market = b.market.trim();
  const place = (market && market !== b.segment.trim() ? market : '') || placeName(b.segment);
  if (t.job) {
    const { role, buying, size } = t.job;
    const title = l(role.title[t.gender]);
    const company = b.locale === 'ar' ? `شركة ${figures(l(size))}` : `company of ${l(size)}`;
    return {
      name: `${first}${sep}${title}`,
      demographics: [ageText(t.age, b.locale), l(GENDER_LABEL[t.gender]), company, l(BUYING_ROLE_LABELS[buying]), place]
        .filter(Boolean)
        .join(b.locale === 'ar' ? '؛ ' : '; '),
      goals: role.goals.map(l),
      pains: role.pains.map(l),
      objections: [
        l(B2B_OBJECTIONS.price),
        l(B2B_OBJECTIONS.integration).replace('{systems}', l(role.systems)),
        l(B2B_OBJECTIONS.risk),
      ],
      channels: [...B2B_PROFILE.channels],
      content: B2B_PROFILE.content.map(l),
      messaging: B2B_PROFILE.messaging.map(l),
      keywords: [...new Set([title.replace(/^the /, ''), ...own])].slice(0, 10),
    };
  }
  const a = ARCHETYPES.find((x) => x.id === t.stage.archetype) as Archetype;
  const role = l(t.stage.role[t.gender]);
  return {
    name: `${first}${sep}${role}`,
    demographics: [ageText(t.age, b.locale), l(GENDER_LABEL[t.gender]), place]
      .filter(Boolean)
      .join(b.locale === 'ar' ? '؛ ' : '; '),
    goals: a.goals.map(l),
    pains: a.pains.map(l),
    objections: t.category.objections.map(l),
    channels: [...t.category.channels],
    content: [l(t.category.content), ...a.content.slice(0, 1).map(l)],
    messaging: a.messaging.map(l),
    keywords: [...new Set([...a.keywords[b.locale].split(/[,،]\s*/), ...own])].slice(0, 10),
  };
}

/** Words that say a person's gender in a written profile, beyond the segment's own (she, female…). */
const PROFILE_GENDER: Readonly<Record<Gender, readonly string[]>> = {
  m: [...GENDER_WORDS.m, 'male', 'he', 'him', 'his', 'رجل', 'ذكر'],
  f: [...GENDER_WORDS.f, 'female', 'she', 'her', 'hers', 'امرأة', 'أنثى', 'سيدة'],
};

/** Words that put a profile at work: a company, a team, a job, a budget (English and Arabic). */
const AT_WORK = [
  'b2b',
  'company',
  'companies',
  'business',
  'firm',
  'organisation',
  'organization',
  'employees',
  'team',
  'manager',
  'managers',
  'director',
  'head',
  'owner',
  'owners',
  'founder',
  'ceo',
  'cfo',
  'cto',
  'procurement',
  'decision',
  'budget',
  'شركة',
  'الشركة',
  'شركات',
  'الشركات',
  'موظف',
  'موظفًا',
  'موظفين',
  'فريق',
  'مدير',
  'مديرة',
  'صاحب',
  'صاحبة',
  'مؤسس',
  'مؤسسة',
  'القرار',
  'الميزانية',
];

/** How a profile (the model's) contradicts what the segment's words say, if it does. */
export type ProfileConflict = { kind: 'gender'; said: Gender; segment: Gender } | { kind: 'consumer' };

/**
 * Checks a written persona against the segment's words, as plans are checked against their funnel:
 * a woman for "fathers" (or a man for «أمهات»), or a consumer for "HR managers at mid-size
 * companies". A profile that says nothing either way passes; only a contradiction is reported.
 */
export function profileConflict(
  profile: { name: string; demographics: string; objections: readonly string[] },
  b: PersonaBrief,
): ProfileConflict | undefined {
  const t = traitsOf(b);
  const words = segmentWords(`${profile.name} ${profile.demographics}`);
  if (t.genderFromWords) {
    const male = has(words, PROFILE_GENDER.m);
    const female = has(words, PROFILE_GENDER.f);
    const said: Gender | undefined = male === female ? undefined : male ? 'm' : 'f';
    if (said && said !== t.gender) return { kind: 'gender', said, segment: t.gender };
  }
  if (t.job && !has(segmentWords(`${words.join(' ')} ${profile.objections.join(' ')}`), AT_WORK)) {
    return { kind: 'consumer' };
  }
  return undefined;
}
