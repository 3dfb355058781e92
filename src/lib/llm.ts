/**
 * The `Llm` port (docs/architecture.md §3.3): ask for an object of a given zod shape, get one back already
 * validated. Two implementations: OpenAI structured outputs (integrations/openai/) and an offline one
 * that builds the same shapes from rules and templates. `generateWithFallback` is how features use
 * them: the model when one is configured and answers well, the offline rules otherwise, and the
 * caller learns which one answered so the reply can say so.
 */
import type { z } from 'zod';
import type { Logger } from '../log.js';

export interface Prompt {
  /** Names the task: the JSON schema name for the model, the generator for the offline port. */
  task: string;
  /** What to do, written by us. Never contains user text. */
  instructions: string;
  /** The user's inputs, sent as JSON data (quoted), never spliced into the instructions. */
  data: Record<string, unknown>;
}

export interface Llm {
  readonly kind: 'openai' | 'offline';
  generate<S extends z.ZodType>(schema: S, prompt: Prompt): Promise<z.output<S>>;
}

/** Why a model answer could not be used; the message is for logs, never for users. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly reason: 'timeout' | 'malformed' | 'refused' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/** Builds an offline answer for a task from the prompt's data (rules and templates, no model). */
export type OfflineGenerator = (data: Record<string, unknown>) => unknown;

export class OfflineLlm implements Llm {
  readonly kind = 'offline' as const;
  constructor(private readonly generators: Readonly<Record<string, OfflineGenerator>>) {}

  async generate<S extends z.ZodType>(schema: S, prompt: Prompt): Promise<z.output<S>> {
    const generator = this.generators[prompt.task];
    if (!generator) throw new Error(`offline generator for "${prompt.task}" is not registered`);
    // Same schema as the model path: the offline rules are held to the shape the model must meet.
    return schema.parse(generator(prompt.data));
  }
}

export type FallbackReason = 'no-key' | LlmError['reason'];

export interface Generated<T> {
  value: T;
  source: 'llm' | 'offline';
  /** Set when the offline rules answered: no key configured, or the model failed. */
  fallback?: FallbackReason;
}

/** Asks the model when there is one, and falls back to the offline rules on any failure. */
export async function generateWithFallback<S extends z.ZodType>(
  online: Llm | undefined,
  offline: Llm,
  schema: S,
  prompt: Prompt,
  log: Logger,
): Promise<Generated<z.output<S>>> {
  if (online) {
    try {
      return { value: await online.generate(schema, prompt), source: 'llm' };
    } catch (err) {
      const reason: FallbackReason = err instanceof LlmError ? err.reason : 'unavailable';
      log.warn({ task: prompt.task, reason, err: err instanceof Error ? err.message : String(err) }, 'llm fallback');
      return { value: await offline.generate(schema, prompt), source: 'offline', fallback: reason };
    }
  }
  return { value: await offline.generate(schema, prompt), source: 'offline', fallback: 'no-key' };
}
