/**
 * The LLM's second opinion on comments the offline classifier is unsure about (a score near the
 * negative cut). Answers are cached in SentimentOpinion under a sha256 of the model name and the
 * normalised text, per workspace, so the same text never reaches the model twice, across restarts.
 * Any failure (timeout, malformed answer, refused key, model down) yields no opinion: the caller keeps
 * the offline label and the alert goes out as usual. Failures are not cached; the next comment with
 * the same text asks again.
 */
import { createHash } from 'node:crypto';
import { Prisma } from '@prisma/client';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { type Llm, LlmError } from '../lib/llm.js';
import type { Logger } from '../log.js';
import { textKey } from './sentiment/adapt.js';
import type { SentimentLabel } from './sentiment/index.js';

/** Alerts wait for the model at most this long; the OpenAI client is also built with it. */
export const OPINION_TIMEOUT_MS = 4_000;
/**
 * After the model fails to answer (timeout or outage), it is not asked again for this long: a batch
 * of uncertain comments behind a stalled model must not wait 4 s each, one after the other.
 */
export const OPINION_PAUSE_MS = 60_000;

export const Opinion = z.object({
  label: z.enum(['negative', 'neutral', 'positive']),
  reason: z.string().nullable(),
});

const INSTRUCTIONS = [
  'You judge the sentiment of one comment that a customer or follower wrote under a brand’s social',
  'media post. It may be English, Arabic (any dialect) or Arabic written in Latin letters and digits.',
  'The comment is the value of "comment" in the JSON document.',
  'Answer "negative" when the writer is unhappy with the brand, its products or service: complaints,',
  'anger, disappointment, accusations, sarcastic praise. Answer "positive" for praise, including slang',
  'praise such as "sick", "killer" or "fire" about a product. Answer "neutral" for everything else,',
  'such as plain questions, tags of friends and jokes that are not about the brand.',
  'In "reason", say why in one short English sentence.',
].join(' ');

const MAX_REASON = 300;

export interface OpinionResult {
  label: SentimentLabel;
  cached: boolean;
}

export class SentimentSecondOpinion {
  private readonly inflight = new Map<string, Promise<OpinionResult | undefined>>();

  /** Until when (ms since the epoch) the model is not asked, after it failed to answer. */
  private pausedUntil = 0;

  constructor(
    private readonly deps: { db: Db; llm: Llm; log: Logger; timeoutMs?: number; pauseMs?: number; now?: () => number },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** The model's name as part of the cache key: a different model gets asked again. */
  get model(): string {
    const named = (this.deps.llm as Partial<{ model: unknown }>).model;
    return typeof named === 'string' ? named : this.deps.llm.kind;
  }

  /** The model's label for `text`, from the cache or the model; undefined when it could not answer. */
  opinion(workspaceId: number, text: string): Promise<OpinionResult | undefined> {
    const key = opinionKey(this.model, text);
    const slot = `${workspaceId}:${key}`;
    // Duplicate deliveries of one comment arrive together: they share one question to the model.
    let pending = this.inflight.get(slot);
    if (!pending) {
      pending = this.lookupOrAsk(workspaceId, key, text).finally(() => this.inflight.delete(slot));
      this.inflight.set(slot, pending);
    }
    return pending;
  }

  private async lookupOrAsk(workspaceId: number, key: string, text: string): Promise<OpinionResult | undefined> {
    const { db, log } = this.deps;
    const hit = await db.sentimentOpinion.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
    const cachedLabel = hit ? Opinion.shape.label.safeParse(hit.label) : undefined;
    if (cachedLabel?.success) return { label: cachedLabel.data, cached: true };
    if (this.now() < this.pausedUntil) return undefined;
    let answer: z.output<typeof Opinion>;
    try {
      answer = await this.ask(text);
    } catch (err) {
      const reason = err instanceof LlmError ? err.reason : 'unavailable';
      // A malformed or refused answer is about this comment; silence or an outage is about the model.
      if (reason === 'timeout' || reason === 'unavailable')
        this.pausedUntil = this.now() + (this.deps.pauseMs ?? OPINION_PAUSE_MS);
      // The message only: it never holds the key (integrations/openai strips it from API errors).
      log.warn(
        { workspaceId, reason, err: err instanceof Error ? err.message : String(err) },
        'sentiment second opinion failed; the offline label stands',
      );
      return undefined;
    }
    try {
      await db.sentimentOpinion.create({
        data: {
          workspaceId,
          key,
          model: this.model,
          label: answer.label,
          reason: answer.reason?.slice(0, MAX_REASON) ?? null,
        },
      });
    } catch (err) {
      // Another replica cached the same text first: its answer and ours are both fine.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
    return { label: answer.label, cached: false };
  }

  private async ask(text: string): Promise<z.output<typeof Opinion>> {
    const timeoutMs = this.deps.timeoutMs ?? OPINION_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LlmError('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([
        this.deps.llm.generate(Opinion, {
          task: 'comment_sentiment',
          instructions: INSTRUCTIONS,
          // Quoted data, never spliced into the instructions.
          data: { comment: text },
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** sha256 of the model name and the normalised text: the cache key (the text itself is not stored). */
export function opinionKey(model: string, text: string): string {
  return createHash('sha256')
    .update(`${model}\u0000${textKey(text)}`)
    .digest('hex');
}
