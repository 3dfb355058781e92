// Real comment texts for the benchmarks, read at run time from ../shared/data (see its README: the
// sources' test splits; no raw text is copied into the project). English: GoEmotions test (Reddit
// comments); Arabic: ArSarcasm-v2 test and AfriSenti Algerian test (tweets). Absent: a short fixed
// mix, said out loud, so a figure is never mistaken for one measured on real text.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { SHARED_DATA, readJsonl, readArSarcasm } = await import(
  path.join(root, 'dist', 'src', 'listening', 'sentiment', 'dataset.js')
);

const FALLBACK = {
  en: [
    'Worst service ever, my order never arrived and nobody answers',
    'Love it, amazing quality 😍',
    'Do you ship to Jeddah?',
    'You scammed me, I want my money back now',
  ],
  ar: ['الطلب ما وصل لحد الآن، خدمة زفت', 'المنتج حلو جدا', 'بكم السعر؟', 'نصابين رجعوا فلوسي'],
};

/** { en: string[], ar: string[], real: boolean, note: string } */
export function commentTexts() {
  const en = readJsonl(path.join(SHARED_DATA, 'goemotions', 'test.jsonl'))?.map((r) => r.text);
  const arsarcasm = path.join(SHARED_DATA, 'arsarcasm-v2', 'testing_data.csv');
  const ar = [
    ...(existsSync(arsarcasm) ? readArSarcasm(arsarcasm).map((r) => r.text) : []),
    ...(readJsonl(path.join(SHARED_DATA, 'afrisenti-arq', 'test.jsonl'))?.map((r) => r.text) ?? []),
  ];
  if (en && en.length > 0 && ar.length > 0) {
    return {
      en,
      ar,
      real: true,
      note: `real texts from ${SHARED_DATA}: ${en.length} English (GoEmotions test), ${ar.length} Arabic (ArSarcasm-v2 test, AfriSenti arq test)`,
    };
  }
  return {
    ...FALLBACK,
    real: false,
    note: `NOTE: ${SHARED_DATA} not found: using ${FALLBACK.en.length + FALLBACK.ar.length} fixed short texts repeated; figures are not comparable with runs on real texts`,
  };
}

/** n texts alternating English and Arabic, spread over each list (deterministic). */
export function mixed(texts, n, offset = 0) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const list = i % 2 === 0 ? texts.en : texts.ar;
    out.push({ lang: i % 2 === 0 ? 'en' : 'ar', text: list[(offset + i * 7919) % list.length] });
  }
  return out;
}
