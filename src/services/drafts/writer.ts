/**
 * LLM SEAM. A `DraftWriter` turns a request into a draft. Today the only writer is the template one
 * (`TemplateDraftWriter`); the LLM port (built separately) plugs in by implementing this interface,
 * for example `LlmDraftWriter` calling `llm.generate(draftSchema, prompt)`, chosen in `createApp` when
 * OPENAI_API_KEY is set. Whatever a writer returns goes through `fitToChannel`, so an LLM answer that
 * runs long or stuffs hashtags still fits the channel.
 */
import type { Locale } from '../../core/i18n.js';
import type { Draft, DraftChannel, Tone } from './channels.js';

export interface DraftRequest {
  channel: DraftChannel;
  topic: string;
  keywords: readonly string[];
  tone: Tone;
  locale: Locale;
}

export interface DraftWriter {
  /** Shown in the reply's footnote ("templates", "gpt-4o-mini"...). */
  readonly name: string;
  write(req: DraftRequest): Promise<Draft>;
}
