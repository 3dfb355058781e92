/**
 * The tone a draft is written in: the one asked for, unless urgency does not fit the topic (only an
 * offer or an event can honestly run out); with none asked, the brand's voice decides, and a B2B
 * brand writes formally (LinkedIn-style) rather than chattily.
 */
import { normalizeArabic } from '../../lib/arabic-values.js';
import type { BrandProfile } from '../../workspace/brand.js';
import { WRITING_TONES, type WritingTone } from './phrasebook.js';
import { type TopicKind, URGENT_KINDS } from './topic.js';

/** Words in a brand's voice ("warm, plain, no slang"; «رسمي وواضح») that name a tone. */
const VOICE: ReadonlyArray<{ tone: WritingTone; words: RegExp }> = [
  { tone: 'formal', words: /formal|professional|corporate|serious|authoritative|رسمي|مهني|احترافي/iu },
  { tone: 'playful', words: /playful|fun|witty|cheeky|humou?r|مرح|فكاهي|خفيف الظل/iu },
  { tone: 'inspirational', words: /inspir|uplifting|motivat|aspiration|ملهم|تحفيز|محفز/iu },
  { tone: 'friendly', words: /friendly|warm|casual|approachable|ودي|ودود|دافئ|قريب/iu },
];

export interface ToneChoice {
  tone: WritingTone;
  /** Set when the tone asked for was not used, and why. */
  refused?: 'urgentNeedsOfferOrEvent';
}

export function chooseTone(asked: string | undefined, kind: TopicKind, brand: BrandProfile): ToneChoice {
  const fromBrand = brandTone(brand);
  if (asked === undefined) return { tone: fromBrand };
  const tone: WritingTone = asked === 'professional' ? 'formal' : toWritingTone(asked, fromBrand);
  if (tone === 'urgent' && !URGENT_KINDS.includes(kind)) {
    return { tone: fromBrand === 'urgent' ? 'friendly' : fromBrand, refused: 'urgentNeedsOfferOrEvent' };
  }
  return { tone };
}

function toWritingTone(asked: string, fallback: WritingTone): WritingTone {
  return (WRITING_TONES as readonly string[]).includes(asked) ? (asked as WritingTone) : fallback;
}

/** The brand's default tone: its voice's words first, then formal for B2B, friendly otherwise. */
export function brandTone(brand: BrandProfile): WritingTone {
  const voice = brand.voice ? normalizeArabic(brand.voice) : '';
  const named = VOICE.find((v) => v.words.test(voice) || v.words.test(brand.voice ?? ''));
  if (named) return named.tone;
  return brand.businessType === 'b2b' ? 'formal' : 'friendly';
}
