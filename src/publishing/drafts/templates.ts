/**
 * The offline writer: drafts built from hand-written templates per language and tone. The variant is
 * picked from the topic, so the same request always gives the same draft.
 */
import type { Locale } from '../../core/i18n.js';
import type { Draft, DraftChannel, Tone } from './channels.js';
import type { DraftRequest, DraftWriter } from './writer.js';

interface ToneText {
  hooks: ReadonlyArray<(topic: string) => string>;
  keywords: (list: string) => string;
  close: string;
  title: (topic: string) => string;
  subject: (topic: string) => string;
  preview: (topic: string) => string;
}

interface LocaleText {
  tones: Record<Tone, ToneText>;
  cta: Record<DraftChannel, Record<Tone, string>>;
  join: (items: string[]) => string;
}

const EN: LocaleText = {
  join: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`),
  tones: {
    friendly: {
      hooks: [
        (t) => `Say hello to ${t}! ☀️`,
        (t) => `Have you tried ${t} yet? We think you'll love it.`,
        (t) => `Good things are brewing: ${t} is here.`,
      ],
      keywords: (l) => `It's all about ${l}.`,
      close: 'We made it with you in mind, and we can’t wait to hear what you think.',
      title: (t) => `${t}: everything you need to know`,
      subject: (t) => `${t} is here 👋`,
      preview: (t) => `A quick, friendly look at ${t}, and why we think you'll like it.`,
    },
    professional: {
      hooks: [
        (t) => `Introducing ${t}.`,
        (t) => `${t}: built for teams that value quality.`,
        (t) => `Today we are announcing ${t}.`,
      ],
      keywords: (l) => `Key benefits: ${l}.`,
      close: 'Designed to deliver measurable results from day one.',
      title: (t) => `${t} explained`,
      subject: (t) => `Introducing ${t}`,
      preview: (t) => `What ${t} offers and how to get started.`,
    },
    playful: {
      hooks: [
        (t) => `Plot twist: ${t} just dropped 🎉`,
        (t) => `Warning: ${t} may cause extreme happiness 😄`,
        (t) => `Roses are red, skies are blue, ${t} is here just for you 🌹`,
      ],
      keywords: (l) => `Ingredients: ${l}, plus a pinch of fun.`,
      close: 'Go on, treat yourself. You deserve it.',
      title: (t) => `We tried ${t} so you don't have to 😄`,
      subject: (t) => `Psst… ${t} just dropped 🎉`,
      preview: (t) => `Spoiler: ${t} is even better than it sounds.`,
    },
    urgent: {
      hooks: [
        (t) => `Last chance: ${t} ends soon! ⏰`,
        (t) => `Don't miss out on ${t}: time is running out.`,
        (t) => `Only a few hours left for ${t}.`,
      ],
      keywords: (l) => `Think ${l}, while it lasts.`,
      close: 'Once it’s gone, it’s gone.',
      title: (t) => `${t}: watch before it's gone`,
      subject: (t) => `Last chance: ${t}`,
      preview: (t) => `${t} ends soon. Here is how to get in before it does.`,
    },
  },
  cta: {
    instagram: {
      friendly: 'Tap the link in our bio to find out more 💛',
      professional: 'Learn more via the link in our bio.',
      playful: 'Link in bio, go go go! 🚀',
      urgent: 'Tap the link in our bio now, before it’s too late.',
    },
    facebook: {
      friendly: 'Find out more on our website and tell us what you think in the comments!',
      professional: 'Read more on our website.',
      playful: 'Click the link and join the fun 🎈',
      urgent: 'Order now on our website: offer ends soon.',
    },
    youtube: {
      friendly: 'Subscribe for more, and tell us in the comments what you’d like to see next!',
      professional: 'Subscribe for more insights, and visit our website to learn more.',
      playful: 'Smash that subscribe button (gently) 😄',
      urgent: 'Subscribe and turn on notifications so you never miss a deal.',
    },
    mailchimp: {
      friendly: 'Take a look →',
      professional: 'Learn more',
      playful: 'Show me! 🎉',
      urgent: 'Get it now',
    },
  },
};

const AR: LocaleText = {
  join: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('، ')} و${items.at(-1)}`),
  tones: {
    friendly: {
      hooks: [
        (t) => `رحّبوا معنا بـ${t}! ☀️`,
        (t) => `هل جربتم ${t}؟ نظن أنكم ستحبون التجربة.`,
        (t) => `أشياء جميلة في الطريق: وصلنا ${t}.`,
      ],
      keywords: (l) => `باختصار: ${l}.`,
      close: 'صنعنا كل هذا وأنتم في بالنا، ونتشوق لسماع رأيكم.',
      title: (t) => `${t}: كل ما تحتاج معرفته`,
      subject: (t) => `جديدنا: ${t} 👋`,
      preview: (t) => `نظرة سريعة على ${t}، ولماذا نظن أنك ستحب التجربة.`,
    },
    professional: {
      hooks: [(t) => `نقدم لكم ${t}.`, (t) => `${t}: من أجل الفرق التي تقدّر الجودة.`, (t) => `نعلن اليوم عن ${t}.`],
      keywords: (l) => `أبرز المزايا: ${l}.`,
      close: 'مصمم لتحقيق نتائج قابلة للقياس من اليوم الأول.',
      title: (t) => `شرح ${t}`,
      subject: (t) => `نقدم لكم ${t}`,
      preview: (t) => `${t}: ما الذي نقدمه لك وكيف تبدأ.`,
    },
    playful: {
      hooks: [
        (t) => `مفاجأة: وصلنا للتو ${t} 🎉`,
        (t) => `تحذير: مع ${t} قد تشعر بسعادة مفرطة 😄`,
        (t) => `خبر حلو ومزاج أحلى: ${t} صار عندنا 🌹`,
      ],
      keywords: (l) => `المكونات: ${l}، ورشة من المرح.`,
      close: 'هيا، دلّل نفسك. تستحق ذلك.',
      title: (t) => `جربنا ${t} عنكم 😄`,
      subject: (t) => `سرّ صغير… وصلنا ${t} 🎉`,
      preview: (t) => `تنبيه: في ${t} ما هو أفضل مما تتخيل.`,
    },
    urgent: {
      hooks: [
        (t) => `الفرصة الأخيرة: العرض على ${t} ينتهي قريبًا! ⏰`,
        (t) => `لا تفوّت ${t}: الوقت ينفد.`,
        (t) => `بقيت ساعات قليلة على ${t}.`,
      ],
      keywords: (l) => `${l}: حتى نفاد الكمية.`,
      close: 'عندما ينتهي، لن يعود.',
      title: (t) => `${t}: شاهد قبل فوات الأوان`,
      subject: (t) => `الفرصة الأخيرة: ${t}`,
      preview: (t) => `العرض على ${t} ينتهي قريبًا. إليك كيف تلحق به.`,
    },
  },
  cta: {
    instagram: {
      friendly: 'اضغط على الرابط في البايو لتعرف أكثر 💛',
      professional: 'اعرف المزيد عبر الرابط في البايو.',
      playful: 'الرابط في البايو، يلا! 🚀',
      urgent: 'اضغط على الرابط في البايو الآن قبل فوات الأوان.',
    },
    facebook: {
      friendly: 'اعرف المزيد على موقعنا وشاركنا رأيك في التعليقات!',
      professional: 'اقرأ المزيد على موقعنا.',
      playful: 'اضغط على الرابط وانضم إلى المرح 🎈',
      urgent: 'اطلب الآن من موقعنا: العرض ينتهي قريبًا.',
    },
    youtube: {
      friendly: 'اشترك للمزيد، وأخبرنا في التعليقات ماذا تحب أن ترى لاحقًا!',
      professional: 'اشترك لمزيد من المعرفة، وزر موقعنا لتعرف أكثر.',
      playful: 'اضغط زر الاشتراك (بلطف) 😄',
      urgent: 'اشترك وفعّل التنبيهات حتى لا تفوتك أي صفقة.',
    },
    mailchimp: {
      friendly: 'ألقِ نظرة ←',
      professional: 'اعرف المزيد',
      playful: 'أرني! 🎉',
      urgent: 'احصل عليه الآن',
    },
  },
};

const TEXT: Record<Locale, LocaleText> = { en: EN, ar: AR };

/** "cold brew" -> #ColdBrew; "القهوة الباردة" -> #القهوة_الباردة; nothing for digits alone. */
export function toHashtag(phrase: string): string | undefined {
  const words = phrase
    .normalize('NFC')
    .split(/[^\p{L}\p{M}\p{N}_]+/u)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  const latin = words.every((w) => /^[\p{Script=Latin}\p{M}\p{N}_]+$/u.test(w));
  const tag = latin ? words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('') : words.join('_');
  if (/^[\p{N}_]+$/u.test(tag)) return undefined;
  return `#${tag}`;
}

/** Keywords as typed: "cold brew, summer drinks، قهوة". */
export function splitKeywords(raw: string | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  return raw
    .split(/[,،;\n]+/)
    .map((k) => k.trim())
    .filter((k) => k.length > 0 && !seen.has(k.toLowerCase()) && seen.add(k.toLowerCase()));
}

function pick<T>(items: readonly T[], seed: string): T {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  const item = items[(h >>> 0) % items.length];
  if (item === undefined) throw new Error('template list is empty');
  return item;
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('en') + s.slice(1);

export class TemplateDraftWriter implements DraftWriter {
  readonly name = 'templates';

  async write(req: DraftRequest): Promise<Draft> {
    const text = TEXT[req.locale];
    const tone = text.tones[req.tone];
    const topic = req.topic.trim();
    const Topic = req.locale === 'en' ? capitalise(topic) : topic;
    const hook = pick(tone.hooks, `${req.channel}|${topic}`)(topic);
    const body = [capitalise(hook)];
    if (req.keywords.length > 0) body.push(tone.keywords(text.join(req.keywords.slice(0, 5))));
    body.push(tone.close);
    const topicTag = topic.split(/\s+/).length <= 3 ? toHashtag(topic) : undefined;
    const hashtags = [...req.keywords.map(toHashtag), topicTag].filter((t): t is string => t !== undefined);
    const draft: Draft = {
      channel: req.channel,
      body: body.join(req.channel === 'mailchimp' ? '\n\n' : ' '),
      cta: text.cta[req.channel][req.tone],
      hashtags: req.channel === 'mailchimp' ? [] : hashtags,
    };
    if (req.channel === 'youtube') draft.title = tone.title(Topic);
    if (req.channel === 'mailchimp') {
      draft.subject = tone.subject(Topic);
      draft.preview = req.locale === 'en' ? capitalise(tone.preview(topic)) : tone.preview(topic);
    }
    return draft;
  }
}
