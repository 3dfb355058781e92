/**
 * LLM SEAM. A `DraftWriter` turns a request into a draft: `TemplateDraftWriter` (offline) and
 * `LlmDraftWriter` (the `Llm` port, chosen in createApp through `draftService` when a model is
 * configured, with the templates behind it). Whatever a writer returns goes through `fitToChannel`,
 * so an LLM answer that runs long or stuffs hashtags still fits the channel.
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
