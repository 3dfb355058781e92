/**
 * Offline sentiment for brand comments: a trained model per language (Arabic from ArSarcasm-v2,
 * English from the UCI review sentences; model.ts) combined with the rule layer (rules.ts), which
 * also reads Arabizi. The score runs from -1 (very negative) to 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import type { ComplaintKind } from './data/lexicon.js';
import { type DetectedLanguage, detectLanguage } from './language.js';
import { type Cuts, type Probabilities, type SentimentLabel, type SentimentModel, TrainedModel } from './model.js';
import { applyRules, type RuleResult, ruleFeatures } from './rules.js';

export type { ComplaintKind } from './data/lexicon.js';
export type { Language } from './language.js';
export type { Cuts, SentimentLabel } from './model.js';

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

export const MODEL_DIR = path.join(packageRoot, 'src', 'listening', 'sentiment', 'model');
export type ModelLanguage = SentimentModel['language'];
export const MODEL_FILES: Record<ModelLanguage, string> = {
  ar: path.join(MODEL_DIR, 'ar.json'),
  en: path.join(MODEL_DIR, 'en.json'),
};

/** For text no trained model reads (Arabizi, other scripts, a trimmed install): the rules alone. */
export const DEFAULT_CUTS: Cuts = { negative: -0.1, positive: 0.25, ruleWeight: 1 };

/** What is known about a text before it is cut into a label (train.ts tries many cuts on it). */
export interface Evidence {
  detected: DetectedLanguage;
  rules: RuleResult;
  /** Rule evidence in -1..1; about two strong words saturate it. */
  ruleScore: number;
  /** The trained model's view, when one reads this language. */
  model?: { probabilities: Probabilities; cuts: Cuts };
}

/** How far from the negative cut a score counts as uncertain (see isUncertain). */
export const UNCERTAIN_MARGIN = 0.15;

const round = (n: number) => Math.round(n * 1000) / 1000;

export function labelOf(score: number, cuts: Readonly<Cuts>): SentimentLabel {
  return score <= cuts.negative ? 'negative' : score >= cuts.positive ? 'positive' : 'neutral';
}

/**
 * The model's view in -1..1: the chance of "positive" weighed by `positiveWeight` against the
 * chance of "negative", stretched back to 1 above zero so a sure positive still scores 1 (one
 * monotone scale, so cuts and alert thresholds keep their meaning).
 */
export function modelScore(p: Probabilities, cuts: Readonly<Cuts>): number {
  const weight = cuts.positiveWeight ?? 1;
  const lean = weight * p.positive - p.negative;
  return lean > 0 ? lean / weight : lean;
}

/** Which trained model reads a text: Arabizi has none (the rules know its common words). */
function modelLanguage(d: DetectedLanguage): ModelLanguage | undefined {
  if (d.lang === 'ar' && !d.arabizi) return 'ar';
  if (d.lang === 'en') return 'en';
  return undefined;
}

export class SentimentClassifier {
  private readonly models = new Map<ModelLanguage, TrainedModel | undefined>();

  /**
   * `find` returns a language's model, or undefined for none. `load` reads the shipped files on
   * the first text of each language, not at start-up: the Arabic file is a few MB of JSON and the
   * console should start fast.
   */
  constructor(private readonly find: (lang: ModelLanguage) => SentimentModel | undefined) {}

  static load(files: Partial<Record<ModelLanguage, string>> = MODEL_FILES): SentimentClassifier {
    return new SentimentClassifier((lang) => {
      const file = files[lang];
      if (!file || !existsSync(file)) return undefined;
      const model = JSON.parse(readFileSync(file, 'utf8')) as SentimentModel;
      if (model.format !== 'mktbot-sentiment-2') throw new Error(`${file}: unknown model format ${model.format}`);
      return model;
    });
  }

  /** A classifier over models in memory (training, evaluation, tests). */
  static of(...models: SentimentModel[]): SentimentClassifier {
    return new SentimentClassifier((lang) => models.find((m) => m.language === lang));
  }

  private model(lang: ModelLanguage): TrainedModel | undefined {
    if (!this.models.has(lang)) {
      const found = this.find(lang);
      this.models.set(lang, found ? new TrainedModel(found) : undefined);
    }
    return this.models.get(lang);
  }

  evidence(text: string): Evidence {
    const detected = detectLanguage(text);
    const rules = applyRules(text);
    const lang = modelLanguage(detected);
    const trained = lang ? this.model(lang) : undefined;
    return {
      detected,
      rules,
      ruleScore: Math.tanh(rules.score / 3),
      ...(trained && {
        model: { probabilities: trained.probabilities(text, ruleFeatures(rules)), cuts: trained.model.cuts },
      }),
    };
  }

  /** Cuts the evidence into a label; `cuts` overrides the model's own (train.ts chooses them so). */
  decide(e: Evidence, cuts: Cuts = e.model?.cuts ?? DEFAULT_CUTS): Sentiment {
    const { rules, ruleScore } = e;
    let score = ruleScore;
    if (e.model) {
      score = (1 - cuts.ruleWeight) * modelScore(e.model.probabilities, cuts) + cuts.ruleWeight * ruleScore;
    }
    // The rules are a second vote that can only add negatives (recall first): clear rule evidence
    // ("ما عجبني", "معجبنيش خالص") wins over a model that does not understand negation.
    if (ruleScore <= -0.4) score = Math.min(score, ruleScore);
    // A praise idiom with no negative word ("can't wait to try it", "never disappoints") is read
    // better by the idiom than by a model that learnt "disappoint" from complaints.
    if (rules.praise && rules.negative === 0) score = Math.max(score, ruleScore);
    // Questions without a negative word, and negated negatives ("not bad", "مش وحش"), are not
    // complaints, whatever the texts the model learnt from did with them; a negated negative is
    // mild praise, as the rules read it.
    if (rules.negative === 0) {
      if (rules.softened) score = Math.max(score, ruleScore);
      if (rules.plainQuestion) score = Math.max(score, 0);
    }
    // A brand complaint is negative however politely or sarcastically it is phrased.
    if (rules.complaint) score = Math.min(score, -0.5 - 0.1 * Math.abs(ruleScore));
    score = Math.max(-1, Math.min(1, score));
    return {
      label: labelOf(score, cuts),
      score: round(score),
      lang: e.detected.lang,
      arabizi: e.detected.arabizi,
      question: rules.question,
      complaint: rules.complaint,
    };
  }

  classify(text: string): Sentiment {
    return this.decide(this.evidence(text));
  }

  /** The cuts a classified text was labelled with: its language's model's, or the rules' own. */
  cutsFor(s: Pick<Sentiment, 'lang' | 'arabizi'>): Readonly<Cuts> {
    const lang = modelLanguage({ lang: s.lang, arabizi: s.arabizi });
    return (lang && this.model(lang)?.model.cuts) || DEFAULT_CUTS;
  }

  /** Close enough to the negative cut that a second opinion is worth asking for. */
  isUncertain(s: Pick<Sentiment, 'score' | 'lang' | 'arabizi'>): boolean {
    return Math.abs(s.score - this.cutsFor(s).negative) < UNCERTAIN_MARGIN;
  }
}
