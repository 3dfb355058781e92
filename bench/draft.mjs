// The offline copywriter's time per draft: topic read, tone chosen, copy written, fitted to the
// channel, over ten topics of different kinds, four channels, both languages and several tones.
// Target (issue 18): median under 20 ms per draft. The baseline, measured in the same run, is the
// channel-rules pass alone (fitToChannel on a finished draft), which every draft goes through
// whoever writes it: the difference is what writing costs. Runs against dist/ (`npm run bench`).
import { composeText, fitToChannel } from '../dist/src/publishing/drafts/channels.js';
import { DraftService } from '../dist/src/publishing/drafts/service.js';
import { TemplateDraftWriter } from '../dist/src/publishing/drafts/templates.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const TOPICS = [
  ['free dental check-up for kids this Saturday', ['kids dentist', 'Jeddah'], 'en'],
  ['20% off all teeth whitening until the end of the month', [], 'en'],
  ['how to choose a toothbrush for your child', ['kids toothbrush'], 'en'],
  ['December newsletter: 3 HR compliance changes in KSA', ['HR compliance'], 'en'],
  ["we're hiring a dental hygienist in Riyadh", [], 'en'],
  ['فحص أسنان مجاني للأطفال هذا السبت', ['طبيب أسنان أطفال', 'جدة'], 'ar'],
  ['كيف تختار فرشاة أسنان لطفلك', ['فرشاة أسنان'], 'ar'],
  ['اختيرت عيادتنا الأفضل في الشارقة', [], 'ar'],
  ['أي نكهة تفضلون أن نضيفها إلى القائمة؟', [], 'ar'],
  ['إطلاق تطبيق الحجز الإلكتروني', ['الحجز الإلكتروني'], 'ar'],
];
const CHANNELS = ['instagram', 'facebook', 'youtube', 'mailchimp'];
const TONES = [undefined, 'formal', 'playful', 'inspirational', 'urgent'];
const BRAND = { name: 'Smile Clinic', ctaLink: 'https://smile.example/book', hashtags: ['SmileClinic'] };

function input(i) {
  const [topic, keywords, locale] = TOPICS[i % TOPICS.length];
  return {
    channel: CHANNELS[Math.floor(i / TOPICS.length) % CHANNELS.length],
    topic,
    keywords,
    tone: TONES[i % TONES.length],
    locale,
    brand: BRAND,
    digits: i % 3 === 0 ? 'arabic' : 'latin',
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function run() {
  const service = new DraftService(new TemplateDraftWriter());
  const finished = [];
  for (let i = 0; i < 400; i++) finished.push((await service.write(input(i))).draft); // warm-up (JIT)
  const drafts = [];
  const baseline = [];
  for (let i = 0; i < RUNS; i++) {
    const req = input(i);
    let t0 = process.hrtime.bigint();
    const written = await service.write(req);
    drafts.push(ms(t0));
    const done = finished[i % finished.length];
    t0 = process.hrtime.bigint();
    composeText(fitToChannel(done));
    baseline.push(ms(t0));
    if (written.draft.body.length === 0) throw new Error('empty draft');
  }
  const p50 = median(drafts);
  const b50 = median(baseline);
  console.log(
    `offline draft: median ${p50.toFixed(3)} ms, p99 ${pct(drafts, 99).toFixed(3)} ms over ${RUNS} drafts (target median < 20 ms)`,
  );
  console.log(
    `baseline (channel rules only, same run): median ${b50.toFixed(3)} ms; writing adds ${(p50 - b50).toFixed(3)} ms (x${(p50 / b50).toFixed(1)})`,
  );
  if (p50 >= 20) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
