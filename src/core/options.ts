/**
 * Option builders. An option is a zod schema over the raw string a user typed (or a platform sent),
 * plus the metadata every surface needs: label, description, what a valid value looks like,
 * choices, position. Slack modals, Discord option types, the text parser and /help all read it.
 */
import { z } from 'zod';
import { arabicChoice } from '../lib/arabic-values.js';
import { count } from '../lib/plural.js';
import { latinDigits } from '../lib/text.js';
import type { Context } from './context.js';
import { iso, type L10n, plainNumber } from './i18n.js';

export type OptionKind =
  | 'string'
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'choice'
  | 'url'
  | 'timezone'
  | 'currency'
  | 'channel'
  | 'user'
  | 'secret';

export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  kind: OptionKind;
  schema: S;
  label: L10n;
  description: L10n;
  /** What a valid value looks like; quoted in error messages. */
  expected: L10n;
  required: boolean;
  choices?: readonly string[];
  /** Bound from bare words, in declaration order. */
  positional?: boolean;
  /** A positional option that takes every remaining word verbatim. */
  greedy?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Values to offer while the user types (Discord autocomplete), e.g. persona names from the database. */
  suggest?: Suggest;
}

/** Up to 25 values that start with or contain what was typed so far, for this workspace. */
export type Suggest = (typed: string, ctx: Context) => Promise<readonly string[]>;

export type OptionMap = Record<string, OptionSpec>;
export type InputOf<O extends OptionMap> = { [K in keyof O]: z.output<O[K]['schema']> };

interface Meta {
  label: L10n;
  description: L10n;
  positional?: boolean;
  greedy?: boolean;
  suggest?: Suggest;
}

// Invisible direction marks that keyboards and copy-paste add around words; meaningless in a
// choice, a number or a URL, so they are removed before those are checked.
const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const stripBidi = (s: string): string => s.replace(BIDI_MARKS, '');

// Numbers, dates and codes typed with Arabic-Indic digits (budget:٢٠٠٠) read as the same value.
const cleaned = () => z.string().transform((s) => latinDigits(stripBidi(s)).trim());

function optional<S extends z.ZodType>(
  o: Omit<OptionSpec<S>, 'schema' | 'required'> & { schema: S },
): OptionSpec<z.ZodOptional<S>> {
  return { ...o, schema: o.schema.optional(), required: false };
}

/** Makes an option mandatory; the builders below all start optional. */
export function required<S extends z.ZodType>(o: OptionSpec<z.ZodOptional<S>>): OptionSpec<S> {
  return { ...o, schema: o.schema.unwrap() as S, required: true };
}

/**
 * "a whole number from 1 to 2,147,483,647": bounds grouped so a long one can be read, and marked as
 * figures so an Arabic reply shows them in the workspace's digits.
 */
function range(kind: 'number' | 'integer', min: number, max: number): L10n {
  const noun = kind === 'number' ? { en: 'a number', ar: 'رقم' } : { en: 'a whole number', ar: 'عدد صحيح' };
  const [from, to] = [plainNumber(min, 'en'), plainNumber(max, 'en')];
  return { en: `${noun.en} from ${from} to ${to}`, ar: `${noun.ar} من ${iso(from)} إلى ${iso(to)}` };
}

/** The largest value of a PostgreSQL integer column (a larger id there is an error, not "not found"). */
export const INT32_MAX = 2_147_483_647;

export const opt = {
  /** A short single-line value: a name, an id. */
  string(meta: Meta & { maxLength?: number }) {
    const maxLength = meta.maxLength ?? 200;
    return optional({
      ...meta,
      kind: 'string',
      maxLength,
      expected: {
        en: `text of at most ${count(maxLength, 'character', 'en')}`,
        ar: `نص لا يزيد عن ${count(maxLength, 'character', 'ar')}`,
      },
      schema: z
        .string()
        .transform((s) => s.trim())
        .pipe(z.string().min(1).max(maxLength)),
    });
  },

  /** Free text that may span lines (captions, descriptions). */
  text(meta: Meta & { maxLength?: number }) {
    const maxLength = meta.maxLength ?? 3000;
    return optional({
      ...meta,
      kind: 'text',
      maxLength,
      expected: {
        en: `text of at most ${count(maxLength, 'character', 'en')}`,
        ar: `نص لا يزيد عن ${count(maxLength, 'character', 'ar')}`,
      },
      schema: z
        .string()
        .transform((s) => s.trim())
        .pipe(z.string().min(1).max(maxLength)),
    });
  },

  choice<const C extends readonly [string, ...string[]]>(choices: C, meta: Meta) {
    const list = choices.join(', ');
    return optional({
      ...meta,
      kind: 'choice',
      choices,
      expected: { en: `one of: ${list}`, ar: `واحد من: ${list}` },
      schema: cleaned()
        // `goal:وعي` is `goal:awareness`: the Arabic word for one of these choices (src/lib/arabic-values.ts).
        .transform((s) => arabicChoice(s, choices) ?? s.toLowerCase())
        .pipe(z.enum(choices)),
    });
  },

  number(meta: Meta & { min?: number; max?: number }) {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = meta;
    return optional({
      ...meta,
      kind: 'number',
      min,
      max,
      expected: range('number', min, max),
      schema: cleaned()
        .transform((s) => s.replace(/[,_\s]/g, ''))
        .pipe(z.string().regex(/^-?\d+(\.\d+)?$/))
        .transform(Number)
        .pipe(z.number().min(min).max(max)),
    });
  },

  /** Whole numbers; at most 2,147,483,647 unless told, as ids and counts are 32-bit columns on PostgreSQL. */
  integer(meta: Meta & { min?: number; max?: number }) {
    const { min = 0, max = INT32_MAX } = meta;
    return optional({
      ...meta,
      kind: 'integer',
      min,
      max,
      expected: range('integer', min, max),
      schema: cleaned()
        .pipe(z.string().regex(/^-?\d+$/))
        .transform(Number)
        .pipe(z.number().int().min(min).max(max)),
    });
  },

  boolean(meta: Meta) {
    const truthy = ['on', 'yes', 'true', '1', 'نعم'];
    const falsy = ['off', 'no', 'false', '0', 'لا'];
    return optional({
      ...meta,
      kind: 'boolean',
      choices: ['on', 'off'],
      expected: { en: 'on or off', ar: 'on أو off' },
      schema: cleaned()
        .transform((s) => s.toLowerCase())
        .pipe(z.enum([...truthy, ...falsy]))
        .transform((s) => truthy.includes(s)),
    });
  },

  url(meta: Meta) {
    return optional({
      ...meta,
      kind: 'url',
      expected: { en: 'an http:// or https:// address', ar: 'عنوان يبدأ بـ http:// أو https://' },
      schema: cleaned().pipe(z.url({ protocol: /^https?$/ })),
    });
  },

  currency(meta: Meta) {
    return optional({
      ...meta,
      kind: 'currency',
      maxLength: 3,
      expected: {
        en: 'a three-letter ISO 4217 code such as USD, EUR or SAR',
        ar: 'رمز عملة من ثلاثة أحرف مثل USD أو EUR أو SAR',
      },
      schema: cleaned()
        .transform((s) => s.toUpperCase())
        .pipe(z.string().refine(isCurrency)),
    });
  },

  /**
   * A chat channel: a Slack or Discord mention (<#C123|general>, <#1234>) becomes the bare id that
   * the platform APIs take; a plain name (#general, or a label in the console) is kept as typed.
   */
  channel(meta: Meta) {
    return optional({
      ...meta,
      kind: 'channel',
      expected: { en: 'a channel, e.g. #marketing', ar: 'قناة، مثل #marketing' },
      schema: cleaned()
        .transform((s) => /^<#([A-Za-z0-9]+)(\|[^>]*)?>$/.exec(s)?.[1] ?? s.replace(/^#/, ''))
        .pipe(z.string().regex(/^[\p{L}\p{N}_.-]{1,80}$/u)),
    });
  },

  /**
   * A person: a Slack or Discord mention (<@U123|sara>, <@!1234>, <@1234>) becomes the bare user id;
   * in the console a name is kept as typed.
   */
  user(meta: Meta) {
    return optional({
      ...meta,
      kind: 'user',
      expected: { en: 'a person, e.g. @sara', ar: 'شخص، مثل @sara' },
      schema: cleaned()
        .transform((s) => /^<@!?([A-Za-z0-9]+)(\|[^>]*)?>$/.exec(s)?.[1] ?? s.replace(/^@/, ''))
        .pipe(z.string().regex(/^[\p{L}\p{N}_.:-]{1,80}$/u)),
    });
  },

  /**
   * A token or key. Never echoed: error messages do not quote it, modals never pre-fill it, and
   * its value is printable ASCII without spaces, as every provider's tokens are.
   */
  secret(meta: Meta & { maxLength?: number }) {
    const maxLength = meta.maxLength ?? 4000;
    return optional({
      ...meta,
      kind: 'secret',
      maxLength,
      expected: {
        en: `a token of at most ${count(maxLength, 'character', 'en')} without spaces`,
        ar: `رمز لا يزيد عن ${count(maxLength, 'character', 'ar')} بلا مسافات`,
      },
      schema: z
        .string()
        .transform((s) => s.trim())
        .pipe(
          z
            .string()
            .min(1)
            .max(maxLength)
            .regex(/^[\x21-\x7e]+$/),
        ),
    });
  },

  timezone(meta: Meta) {
    return optional({
      ...meta,
      kind: 'timezone',
      expected: {
        en: 'an IANA time zone such as Asia/Riyadh, Europe/London or UTC',
        ar: 'منطقة زمنية من قاعدة IANA مثل Asia/Riyadh أو Europe/London أو UTC',
      },
      schema: cleaned().pipe(z.string().refine(isTimeZone)).transform(canonicalTimeZone),
    });
  },
};

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "asia/riyadh" -> "Asia/Riyadh": stored the way every library spells it. */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}
