/**
 * Proposed replies to a comment, in the comment's language. The template drafter works offline;
 * the LLM drafter (OPENAI_API_KEY) writes one with the `Llm` port and falls back to the templates,
 * saying so, when the model fails or answers in the wrong language. Both implement ReplyDrafter.
 */
import { z } from 'zod';
import type { Llm } from '../lib/llm.js';
import type { Logger } from '../log.js';
import type { ComplaintKind } from './sentiment/index.js';

export interface DraftRequest {
  text: string;
  /** 'ar' or 'en'; any other language gets the workspace language. */
  lang: 'ar' | 'en';
  author?: string | null;
  complaint?: ComplaintKind | undefined;
  question: boolean;
  sentiment: 'negative' | 'neutral' | 'positive';
}

export interface Draft {
  text: string;
  source: 'template' | 'llm';
  /** Set when a model is configured but the template answered instead (shown to the person). */
  fallback?: boolean;
}

export interface ReplyDrafter {
  draft(req: DraftRequest): Promise<Draft>;
}

type Topic = ComplaintKind | 'question' | 'negative' | 'other';

// Calm, specific, and moving the conversation to a private channel where account details belong.
const TEMPLATES: Record<'en' | 'ar', Record<Topic, string>> = {
  en: {
    delivery:
      "we're sorry your order is late. Please send us your order number in a private message and we'll check where it is and update you today.",
    refund:
      "we're sorry for the trouble. Please send us your order number in a private message and our team will look into your refund right away.",
    broken:
      "we're sorry the product didn't arrive as it should. Please send us a photo and your order number in a private message and we'll make it right.",
    service:
      "we're sorry about this experience; it isn't the service we want to give. Please message us privately so a team lead can follow up with you personally.",
    scam: 'we understand your concern and take it seriously. Please message us privately with your order details so we can look into it and resolve it with you.',
    sarcasm:
      "we hear you, and we're sorry we let you down. Please send us a private message with the details and we'll sort it out.",
    negative:
      "thank you for telling us, and we're sorry about this. Please send us a private message with the details so we can help.",
    question: "thanks for asking! We'll get you the answer shortly; feel free to message us privately too.",
    other: 'thank you for your comment! Let us know if there is anything we can help with.',
  },
  ar: {
    delivery: 'نعتذر عن تأخر طلبك. أرسل لنا رقم الطلب في رسالة خاصة وسنتابع مكانه ونُطلعك على المستجد اليوم.',
    refund: 'نعتذر عن الإزعاج. أرسل لنا رقم الطلب في رسالة خاصة وسيتابع فريقنا طلب الاسترجاع فورًا.',
    broken: 'نعتذر أن المنتج لم يصلك بالشكل المطلوب. أرسل لنا صورة ورقم الطلب في رسالة خاصة وسنعالج الأمر.',
    service: 'نعتذر عن هذه التجربة، فهي ليست الخدمة التي نريدها لك. راسلنا على الخاص وسيتواصل معك مسؤول الفريق شخصيًا.',
    scam: 'نتفهّم قلقك ونأخذه بجدية. راسلنا على الخاص بتفاصيل طلبك لنراجعه ونحلّه معك.',
    sarcasm: 'وصلتنا ملاحظتك ونعتذر عن التقصير. أرسل لنا التفاصيل في رسالة خاصة وسنحل الموضوع.',
    negative: 'شكرًا لإخبارنا ونعتذر عن ذلك. أرسل لنا التفاصيل في رسالة خاصة لنساعدك.',
    question: 'شكرًا لسؤالك! سنرد عليك بالإجابة قريبًا، ويسعدنا تواصلك على الخاص أيضًا.',
    other: 'شكرًا لتعليقك! أخبرنا إن كان هناك ما نساعدك به.',
  },
};

function topicOf(req: DraftRequest): Topic {
  if (req.complaint) return req.complaint;
  if (req.sentiment === 'negative') return 'negative';
  if (req.question) return 'question';
  return 'other';
}

export class TemplateReplyDrafter implements ReplyDrafter {
  async draft(req: DraftRequest): Promise<Draft> {
    const body = TEMPLATES[req.lang][topicOf(req)];
    const name = req.author?.replace(/^@/, '').trim();
    const greeting = req.lang === 'ar' ? (name ? `أهلًا ${name}، ` : 'أهلًا بك، ') : name ? `Hi ${name}, ` : 'Hi there, ';
    return { text: `${greeting}${body}`, source: 'template' };
  }
}

/** What the model must return: one reply, short enough to post as a comment. */
export const CommentReply = z.object({
  reply: z.string().min(1).max(1000).describe('The reply to post under the comment, nothing else'),
});

const LANGUAGE_NAMES: Record<'ar' | 'en', string> = {
  en: 'English',
  ar: "Arabic (clear Modern Standard Arabic, or the customer's dialect if they wrote in one)",
};

function instructions(lang: 'ar' | 'en'): string {
  return [
    "You write the public reply a brand's social media manager will post under a customer's comment.",
    `Write the reply in ${LANGUAGE_NAMES[lang]}.`,
    'Be calm, warm and specific to what the customer said; never defensive, sarcastic or blaming.',
    'At most three short sentences and 400 characters. No hashtags, no links, no emoji.',
    'Do not promise refunds, compensation or dates; when order or account details are needed, invite',
    'the customer to send them in a private message. Never ask for passwords or card numbers.',
    'If an author name is given, greet them by it. If the comment is a question, answer that you will',
    'help and invite them to message the team if the answer depends on their order.',
  ].join(' ');
}

const ARABIC = /[\u0600-\u06ff]/g;
const LATIN = /[A-Za-z]/g;

/** Whether the text is written in the language asked for (by script; the model sometimes drifts). */
export function writtenIn(text: string, lang: 'ar' | 'en'): boolean {
  const ar = text.match(ARABIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return lang === 'ar' ? ar > latin : latin > ar;
}

export class LlmReplyDrafter implements ReplyDrafter {
  constructor(
    private readonly llm: Llm,
    private readonly fallback: ReplyDrafter,
    private readonly log: Logger,
  ) {}

  async draft(req: DraftRequest): Promise<Draft> {
    try {
      const out = await this.llm.generate(CommentReply, {
        task: 'comment_reply',
        instructions: instructions(req.lang),
        // The comment is quoted data: whatever it says, it is never read as an instruction.
        data: {
          comment: req.text,
          author: req.author?.replace(/^@/, '') ?? null,
          complaint: req.complaint ?? null,
          is_question: req.question,
          sentiment: req.sentiment,
        },
      });
      const text = out.reply.trim();
      if (!writtenIn(text, req.lang)) throw new Error(`the model answered outside ${req.lang}`);
      return { text, source: 'llm' };
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'reply draft fell back to templates');
      return { ...(await this.fallback.draft(req)), fallback: true };
    }
  }
}
