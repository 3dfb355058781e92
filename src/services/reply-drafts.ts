/**
 * Proposed replies to a comment, in the comment's language. The template drafter works offline;
 * an LLM-backed drafter (OPENAI_API_KEY) can replace it in createApp by implementing ReplyDrafter:
 * that is the seam, nothing else has to change.
 */
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
