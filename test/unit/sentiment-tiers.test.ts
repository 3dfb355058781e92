/**
 * Alert tiers (urgent / review / none) and the brand-urgency rules, on the shipped model: urgent is
 * for brand urgency (threats, legal steps, safety, scam accusations, cancellations, boycotts, abuse)
 * whatever the score, in English, Arabic script and Arabizi, and for comments the model is sure are
 * negative; review for the other likely negatives and for questions waiting for an answer.
 */
import { describe, expect, it } from 'vitest';
import { alertTierOf, type Cuts, type Sentiment, SentimentClassifier } from '../../src/listening/sentiment/index.js';
import { normalize } from '../../src/listening/sentiment/normalize.js';
import { urgencyOf } from '../../src/listening/sentiment/urgency.js';

const classifier = SentimentClassifier.load();

describe('brand urgency is urgent whatever the score', () => {
  it.each([
    ['en', "I'll find you and you will regret this", 'threat'],
    ['ar', 'والله لأوريكم، راح تندمون', 'threat'],
    ['arabizi', 'wallah hatendamo 3ala keda', 'threat'],
    ['en', "I'm calling my lawyer", 'legal'],
    ['en', 'I will sue you for this', 'legal'],
    ['en', 'See you in court', 'legal'],
    ['ar', 'راح أرفع عليكم قضية', 'legal'],
    ['ar', 'بكلم محامي بكرة', 'legal'],
    ['ar', 'قدمت شكوى رسمية لحماية المستهلك', 'legal'],
    ['arabizi', 'ghadi nrfa3 3likom 9adiya', 'legal'],
    ['en', 'Got food poisoning after your chicken wrap', 'safety'],
    ['en', 'Found a cockroach in my burger', 'safety'],
    ['ar', 'جاني تسمم من الأكل', 'safety'],
    ['ar', 'لقيت صرصور في الطلب', 'safety'],
    ['arabizi', 'tsamamt mn l makla dyalkom', 'safety'],
    ['en', 'This shop is a scam', 'scam'],
    ['en', 'You scammed me out of 200 dollars', 'scam'],
    ['ar', 'نصابين وحرامية', 'scam'],
    ['ar', 'هذا احتيال واضح', 'scam'],
    ['arabizi', 'nasabin, ma t3amlouch m3ahom', 'scam'],
    ['en', 'Cancel my account right now', 'cancel'],
    ['en', 'I want to cancel my subscription', 'cancel'],
    ['ar', 'أبغى إلغاء الاشتراك', 'cancel'],
    ['arabizi', 'bghit nlghi l compte dyali', 'cancel'],
    ['en', 'Everyone boycott this place #boycott', 'boycott'],
    ['ar', 'قاطعوا هذا المطعم', 'boycott'],
    ['arabizi', '9at3o had l7anout', 'boycott'],
    ['en', 'You are all idiots', 'abuse'],
    ['en', '🖕', 'abuse'],
    ['en', 'great service 🤡🤡', 'abuse'],
    ['ar', 'يا كلاب', 'abuse'],
    ['arabizi', 'ya klab wlad l97ab', 'abuse'],
    // Arabic punctuation right after the phrase ends the word like a space does.
    ['ar', 'هذا نصب، الطلب ما وصل', 'scam'],
    ['ar', 'بشتكيكم؛ ما أحد رد علي', 'legal'],
    ['ar', 'قاطعوا؟ أكيد', 'boycott'],
  ] as const)('%s: %s -> %s', (script, text, kind) => {
    const s = classifier.classify(text);
    expect(s.urgency).toBe(kind);
    expect(s.alert).toBe('urgent');
    expect(s.label).toBe('negative');
    if (script === 'arabizi') expect(s.arabizi).toBe(true);
    if (script === 'ar') expect(s).toMatchObject({ lang: 'ar', arabizi: false });
  });

  it.each([
    'The court was packed for the basketball final',
    'My sister is a lawyer and loves it',
    'Cancel culture is exhausting',
    'Shut up and take my money!',
    'Fuck yeah, this is amazing',
    'محكمة الاستئناف تؤجل القضية إلى الشهر القادم',
    'دول المقاطعة تجتمع اليوم',
    'القبض على متهم بالنصب والاحتيال',
    '#انتخبوا_العرص',
  ])('words that only look urgent are not: %s', (text) => {
    expect(urgencyOf(normalize(text))).toBeUndefined();
  });

  it('a person’s "Not negative" on the very text outweighs the patterns (see sentiment-adapt tests)', () => {
    expect(urgencyOf(normalize('كلاب'))?.kind).toBe('abuse');
  });
});

describe('alertTierOf', () => {
  const cuts: Cuts = { negative: -0.2, review: -0.4, urgent: -0.8, positive: 0.25 };
  const s = (score: number, extra: Partial<Sentiment> = {}) => ({
    label: score <= cuts.negative ? ('negative' as const) : ('neutral' as const),
    score,
    urgency: undefined,
    asks: false,
    sure: score <= -0.8,
    ...extra,
  });

  it('urgent for brand urgency, even on a positive score', () => {
    expect(alertTierOf(s(0.9, { label: 'positive', urgency: 'legal' }), cuts)).toBe('urgent');
  });
  it('urgent when the model alone is sure; review when only the rules push it that far', () => {
    expect(alertTierOf(s(-0.9), cuts)).toBe('urgent');
    expect(alertTierOf(s(-0.9, { sure: false }), cuts)).toBe('review');
    // Sure, but the rules' idioms lifted the score out of the negatives: no alert.
    expect(alertTierOf(s(0.1, { sure: true }), cuts)).toBeNull();
  });
  it('review past the review cut; nothing between it and the label cut', () => {
    expect(alertTierOf(s(-0.5), cuts)).toBe('review');
    expect(alertTierOf(s(-0.3), cuts)).toBeNull();
    expect(s(-0.3).label).toBe('negative');
  });
  it("the workspace's threshold only narrows", () => {
    expect(alertTierOf(s(-0.5), cuts, -0.6)).toBeNull();
    expect(alertTierOf(s(-0.9), cuts, -0.6)).toBe('urgent');
    expect(alertTierOf(s(-0.5), cuts, 0)).toBe('review');
  });
  it('a question waiting for an answer is for review; other neutral comments raise nothing', () => {
    expect(alertTierOf(s(0, { asks: true }), cuts)).toBe('review');
    expect(alertTierOf(s(0), cuts)).toBeNull();
  });
});

describe('comments missed before, caught now', () => {
  it.each([
    'والله يا عيني على الجودة 😂 قهوة بطعم المويه وبسعر الذهب',
    'el 2ahwa wesletni bardaa w el taghleef mekasar, msh tab3i',
    'Wow, 45 minutes for a coffee. Impressive.',
    'Thanks for the 3 hours on hold, really appreciate it',
  ])('%s', (text) => {
    const s = classifier.classify(text);
    expect(s.label).toBe('negative');
    expect(s.alert).not.toBeNull();
  });

  it('a laugh after a complaint is mockery, not praise', () => {
    const s = classifier.classify('قهوة بطعم المويه 😂😂');
    expect(s.label).toBe('negative');
  });
});
