/**
 * Offline sentiment for brand comments: one trained model for English, Arabic script and Arabizi
 * (model.ts; built by train.ts from the sources of dataset.ts), reading the rule layer's evidence
 * (rules.ts) besides the text, plus the brand-urgency rules (urgency.ts). The score runs from -1
 * (very negative) to 1; each comment also gets an alert tier: urgent (post now), review (into the
 * periodic summary) or none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import type { ComplaintKind } from './data/lexicon.js';
import type { TextScript } from './features.js';
import { type DetectedLanguage, detectLanguage } from './language.js';
import {
  type Cuts,
  MODEL_FORMAT,
  type ModelInfo,
  type Probabilities,
  type SentimentModel,
  TrainedModel,
} from './model.js';
import { normalize } from './normalize.js';
import { applyRules, type RuleResult, ruleFeatures } from './rules.js';
import { type Urgency, type UrgencyKind, urgencyOf } from './urgency.js';

export type { ComplaintKind } from './data/lexicon.js';
export type { TextScript } from './features.js';
export type { Language } from './language.js';
export type { Cuts, SentimentLabel } from './model.js';
export type { UrgencyKind } from './urgency.js';

export type AlertTier = 'urgent' | 'review' | null;

export interface Sentiment {
  label: import('./model.js').SentimentLabel;
  /** -1 very negative .. 1 very positive. */
  score: number;
  lang: DetectedLanguage['lang'];
  arabizi: boolean;
  /** Asks something ("do you ship to Jeddah?", "why is it late?"). */
  question: boolean;
  /** A question to the brand that waits for an answer and is no complaint (see rules.ts plainQuestion). */
  asks: boolean;
  complaint: ComplaintKind | undefined;
  /** Threat, legal step, safety issue, scam accusation, cancellation, boycott or abuse: urgent whatever the score. */
  urgency: UrgencyKind | undefined;
  /** The trained model alone puts the text past its script's urgent cut (the rules' overrides do not count). */
  sure: boolean;
  /** The alert tier at the default threshold (0); CommentService recomputes it with the workspace's. */
  alert: AlertTier;
}

/** Read at run time from the source folder (data, not code: the Dockerfile copies it). */
export const MODEL_DIR = path.join(packageRoot, 'src', 'listening', 'sentiment', 'model');
export const MODEL_FILE = path.join(MODEL_DIR, 'sentiment.json');

/** For text no trained model reads (a trimmed install): the rules alone. */
export const DEFAULT_CUTS: Cuts = {
  negative: -0.1,
  review: -0.1,
  positive: 0.25,
  urgent: -0.9,
  ruleFloor: -0.4,
  questions: true,
};

/** What is known about a text before it is cut into a label (train.ts tries many cuts on it). */
export interface Evidence {
  detected: DetectedLanguage;
  script: TextScript;
  rules: RuleResult;
  urgency: Urgency | undefined;
  /** Rule evidence in -1..1; about two strong words saturate it. */
  ruleScore: number;
  /** The trained model's chances, when a model is loaded. */
  probabilities?: Probabilities;
}

/** How far past the negative cut a confirmed negative is put (adapt.ts settle). */
export const UNCERTAIN_MARGIN = 0.15;

/** A complaint or an urgency pattern puts the score at least this low, and past the review cut. */
export const COMPLAINT_SCORE = -0.5;

const round = (n: number) => Math.round(n * 1000) / 1000;

const LAUGHTER = /\b(lol|lmao|lmfao|rofl|haha\w*|hehe\w*)\b|[😂🤣😆😹]/iu;

export function labelOf(score: number, cuts: Readonly<Cuts>): Sentiment['label'] {
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

export function scriptOf(d: Pick<DetectedLanguage, 'lang' | 'arabizi'>): TextScript {
  if (d.arabizi) return 'arabizi';
  return d.lang;
}

/**
 * The alert tier of a classified comment at a workspace's threshold (a score at or below it may
 * alert; default 0, leaving it to the calibrated cuts): urgent for brand urgency, or a negative
 * score past the script's urgent cut (calibrated so that at least 85 % of such comments are
 * negative); review for the other negatives past the review cut (calibrated so that few neutral and
 * positive comments alert) and at or below the threshold, and for questions waiting for an answer.
 */
export function alertTierOf(
  s: Pick<Sentiment, 'label' | 'score' | 'urgency' | 'asks' | 'sure'>,
  cuts: Readonly<Cuts>,
  threshold = 0,
): AlertTier {
  if (s.urgency) return 'urgent';
  if (s.label === 'negative' && s.score <= Math.min(threshold, cuts.review ?? cuts.negative)) {
    return s.sure ? 'urgent' : 'review';
  }
  if (s.asks && s.label !== 'negative') return 'review';
  return null;
}

/** One short comment of each script, to load and exercise every part of the classifier once. */
const WARM_UP = ['Thank you, great service', 'شكرا، خدمة ممتازة', 'shukran, 5edma momtaza'];

export class SentimentClassifier {
  private trained: TrainedModel | undefined | null = null;

  /**
   * `find` returns the model, or undefined for none. `load` reads the shipped file on the first
   * text (or `warm`), not while starting, so the console starts fast.
   */
  constructor(private readonly find: () => SentimentModel | undefined) {}

  static load(file: string = MODEL_FILE): SentimentClassifier {
    return new SentimentClassifier(() => {
      if (!existsSync(file)) return undefined;
      const model = JSON.parse(readFileSync(file, 'utf8')) as SentimentModel;
      if (model.format !== MODEL_FORMAT) throw new Error(`${file}: unknown model format ${model.format}`);
      return model;
    });
  }

  /** A classifier over a model in memory (training, evaluation, tests); none: the rules alone. */
  static of(model?: SentimentModel): SentimentClassifier {
    return new SentimentClassifier(() => model);
  }

  /** The loaded model's settings, cuts and figures (its weights stay inside, compactly). */
  get model(): ModelInfo | undefined {
    if (this.trained === null) {
      const found = this.find();
      this.trained = found ? new TrainedModel(found) : undefined;
    }
    return this.trained?.model;
  }

  /**
   * Loads the model now and runs it once on each script (English, Arabic, Arabizi), whose first text
   * would otherwise also pay for compiling its rules: the server calls it right after start, so
   * the first comment, Arabic or not, waits for nothing.
   */
  warm(): void {
    for (const text of WARM_UP) this.classify(text);
  }

  evidence(text: string): Evidence {
    const detected = detectLanguage(text);
    const script = scriptOf(detected);
    const normalized = normalize(text);
    const rules = applyRules(text, normalized);
    let urgency = urgencyOf(normalized.replace(/[‘’]/g, "'"));
    // Swearing next to praise or laughter is banter ("fuck off, that's hilarious"), not abuse.
    if (urgency?.soft && (rules.score - rules.negative > 0 || LAUGHTER.test(text))) urgency = undefined;
    const e: Evidence = { detected, script, rules, urgency, ruleScore: Math.tanh(rules.score / 3) };
    // An empty comment says nothing: no model's prior for it.
    if (this.model && this.trained && text.trim() !== '') {
      const named = ruleFeatures(rules, urgency?.kind, script);
      e.probabilities = this.trained.probabilities(text, script, named, normalized);
    }
    return e;
  }

  /** Cuts the evidence into a label, score and tier; `cuts` replace the model's (calibrate.ts). */
  decide(e: Evidence, cuts: Cuts = this.cutsForScript(e.script)): Sentiment {
    const { rules, ruleScore } = e;
    const fromModel = e.probabilities ? modelScore(e.probabilities, cuts) : undefined;
    const ruleWeight = cuts.ruleWeight ?? 0;
    let score = fromModel === undefined ? ruleScore : (1 - ruleWeight) * fromModel + ruleWeight * ruleScore;
    // Clear rule evidence ("ما عجبني", "معجبنيش خالص") may win over the model.
    if (cuts.ruleFloor !== undefined && ruleScore <= cuts.ruleFloor) score = Math.min(score, ruleScore);
    if (rules.negative === 0) {
      // A praise idiom with no negative word ("can't wait to try it", "never disappoints") and a
      // negated negative ("not bad", "مش وحش") are read better by the rules; so, where
      // cross-validation says so, is a plain question ("do you ship to Jeddah?").
      if (rules.praise || rules.softened) score = Math.max(score, ruleScore);
      if (cuts.questions && rules.plainQuestion) score = Math.max(score, 0);
    }
    // A brand complaint, and anything urgent, is negative however politely or sarcastically phrased.
    if (rules.complaint || e.urgency) {
      const below = Math.min(COMPLAINT_SCORE, (cuts.review ?? cuts.negative) - 0.05, cuts.negative - 0.05);
      score = Math.min(score, below - 0.1 * Math.abs(ruleScore));
    }
    score = round(Math.max(-1, Math.min(1, score)));
    const label = labelOf(score, cuts);
    const asks = rules.plainQuestion && rules.negative === 0 && !rules.complaint;
    const s = {
      label,
      score,
      lang: e.detected.lang,
      arabizi: e.detected.arabizi,
      question: rules.question,
      asks,
      complaint: rules.complaint,
      urgency: e.urgency?.kind,
      sure: fromModel !== undefined && cuts.urgent !== undefined && fromModel <= cuts.urgent,
    };
    return { ...s, alert: alertTierOf(s, cuts) };
  }

  classify(text: string): Sentiment {
    return this.decide(this.evidence(text));
  }

  cutsForScript(script: TextScript): Readonly<Cuts> {
    return this.model?.cuts[script] ?? DEFAULT_CUTS;
  }

  /** The cuts a classified text was labelled with. */
  cutsFor(s: Pick<Sentiment, 'lang' | 'arabizi'>): Readonly<Cuts> {
    return this.cutsForScript(scriptOf(s));
  }
}
