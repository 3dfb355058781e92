/**
 * Offline sentiment for brand comments: a trained naive Bayes (Arabic, from ArSarcasm-v2 counts)
 * combined with the rule layer (both languages). The score runs from -1 (very negative) to 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import { type DetectedLanguage, detectLanguage } from './language.js';
import type { ComplaintKind } from './lexicon.js';
import { NaiveBayes, type NaiveBayesModel, type SentimentLabel } from './model.js';
import { applyRules } from './rules.js';

export type { Language } from './language.js';
export type { ComplaintKind } from './lexicon.js';
export type { SentimentLabel } from './model.js';

export interface Sentiment {
  label: SentimentLabel;
  /** -1 very negative .. 1 very positive. */
  score: number;
  lang: DetectedLanguage['lang'];
  arabizi: boolean;
  /** Asks something and waits for an answer ("do you ship to Jeddah?"). */
  question: boolean;
  complaint: ComplaintKind | undefined;
}

export const MODEL_DIR = path.join(packageRoot, 'src', 'services', 'sentiment', 'model');
export const ARABIC_MODEL_FILE = path.join(MODEL_DIR, 'ar-nb.json');

/** Where the scores are cut into labels; tuned on a held-out part of the training data. */
export interface Cuts {
  negative: number;
  positive: number;
  /** How much the rule evidence counts next to the model's score. */
  ruleWeight: number;
}

export const DEFAULT_CUTS: Cuts = { negative: -0.1, positive: 0.25, ruleWeight: 0.5 };

const round = (n: number) => Math.round(n * 1000) / 1000;

export class SentimentClassifier {
  private readonly arabic: NaiveBayes | undefined;

  constructor(
    model: NaiveBayesModel | undefined,
    private readonly cuts: Cuts = DEFAULT_CUTS,
  ) {
    this.arabic = model ? new NaiveBayes(model) : undefined;
  }

  /** The shipped model; without it (a trimmed install) Arabic falls back to the rules alone. */
  static load(file = ARABIC_MODEL_FILE): SentimentClassifier {
    if (!existsSync(file)) return new SentimentClassifier(undefined);
    const model = JSON.parse(readFileSync(file, 'utf8')) as NaiveBayesModel & { cuts?: Cuts };
    if (model.format !== 'mktbot-nb-1') throw new Error(`${file}: unknown model format ${model.format}`);
    return new SentimentClassifier(model, model.cuts ?? DEFAULT_CUTS);
  }

  classify(text: string): Sentiment {
    const detected = detectLanguage(text);
    const rules = applyRules(text);
    // Rule evidence in -1..1; about two strong words saturate it.
    const ruleScore = Math.tanh(rules.score / 3);
    let score: number;
    if (detected.lang === 'ar' && !detected.arabizi && this.arabic) {
      const p = this.arabic.probabilities(text);
      score = (1 - this.cuts.ruleWeight) * (p.positive - p.negative) + this.cuts.ruleWeight * ruleScore;
    } else {
      score = ruleScore;
    }
    // The rules are a second vote that can only add negatives (recall first): clear rule evidence
    // ("ما عجبني", "معجبنيش خالص") wins over a model that does not understand negation.
    if (ruleScore <= -0.4) score = Math.min(score, ruleScore);
    // Questions without a negative word, and negated negatives ("not bad", "مش وحش"), are not
    // complaints, whatever the tweets the model learnt from did with them.
    if ((rules.plainQuestion || rules.softened) && rules.negative === 0) score = Math.max(score, 0);
    // A brand complaint is negative however politely or sarcastically it is phrased.
    if (rules.complaint) score = Math.min(score, -0.5 - 0.1 * Math.abs(ruleScore));
    score = Math.max(-1, Math.min(1, score));
    const label: SentimentLabel =
      score <= this.cuts.negative ? 'negative' : score >= this.cuts.positive ? 'positive' : 'neutral';
    return {
      label,
      score: round(score),
      lang: detected.lang,
      arabizi: detected.arabizi,
      question: rules.question,
      complaint: rules.complaint,
    };
  }
}
