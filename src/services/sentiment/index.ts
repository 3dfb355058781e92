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

/** How far from the negative cut a score counts as uncertain (see isUncertain). */
export const UNCERTAIN_MARGIN = 0.15;

interface Loaded {
  arabic: NaiveBayes | undefined;
  cuts: Cuts;
}

export class SentimentClassifier {
  private loaded: Loaded | undefined;

  /** `model` may be a function: the model is then read on first use, not at start-up. */
  constructor(
    private readonly model: NaiveBayesModel | undefined | (() => { model: NaiveBayesModel | undefined; cuts: Cuts }),
    private readonly cutsGiven: Cuts = DEFAULT_CUTS,
  ) {}

  /**
   * The shipped model, read on the first classification (it is about 1 MB of JSON: parsing it at
   * every start would cost the console a tenth of a second). Without the file (a trimmed install)
   * Arabic falls back to the rules alone.
   */
  static load(file = ARABIC_MODEL_FILE): SentimentClassifier {
    return new SentimentClassifier(() => {
      if (!existsSync(file)) return { model: undefined, cuts: DEFAULT_CUTS };
      const model = JSON.parse(readFileSync(file, 'utf8')) as NaiveBayesModel & { cuts?: Cuts };
      if (model.format !== 'mktbot-nb-1') throw new Error(`${file}: unknown model format ${model.format}`);
      return { model, cuts: model.cuts ?? DEFAULT_CUTS };
    });
  }

  private get state(): Loaded {
    if (!this.loaded) {
      const { model, cuts } =
        typeof this.model === 'function' ? this.model() : { model: this.model, cuts: this.cutsGiven };
      this.loaded = { arabic: model ? new NaiveBayes(model) : undefined, cuts };
    }
    return this.loaded;
  }

  /** The label a score gets with the loaded cuts (for scores adjusted after classify). */
  labelFor(score: number): SentimentLabel {
    const { cuts } = this.state;
    return score <= cuts.negative ? 'negative' : score >= cuts.positive ? 'positive' : 'neutral';
  }

  /** The loaded cuts, read-only (adjustments move a score to the right side of them). */
  get cuts(): Readonly<Cuts> {
    return this.state.cuts;
  }

  /** Close enough to the negative cut that a second opinion is worth asking for. */
  isUncertain(s: Pick<Sentiment, 'score'>): boolean {
    return Math.abs(s.score - this.state.cuts.negative) < UNCERTAIN_MARGIN;
  }

  classify(text: string): Sentiment {
    const detected = detectLanguage(text);
    const rules = applyRules(text);
    // Rule evidence in -1..1; about two strong words saturate it.
    const ruleScore = Math.tanh(rules.score / 3);
    let score: number;
    const { arabic, cuts } = this.state;
    if (detected.lang === 'ar' && !detected.arabizi && arabic) {
      const p = arabic.probabilities(text);
      score = (1 - cuts.ruleWeight) * (p.positive - p.negative) + cuts.ruleWeight * ruleScore;
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
    const label: SentimentLabel = score <= cuts.negative ? 'negative' : score >= cuts.positive ? 'positive' : 'neutral';
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
