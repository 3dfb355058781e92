/**
 * LLM SEAM. A `DraftWriter` turns a request into a draft: `TemplateDraftWriter` (the offline
 * copywriter) and `LlmDraftWriter` (the `Llm` port, chosen in createApp through `draftService` when a
 * model is configured, with the copywriter behind it). Whatever a writer returns goes through
 * `fitToChannel`, so an LLM answer that runs long or stuffs hashtags still fits the channel.
 */
import type { Locale } from '../../core/i18n.js';
import type { BrandProfile } from '../../workspace/brand.js';
import type { Draft, DraftChannel } from './channels.js';
import type { WritingTone } from './phrasebook.js';
import type { TopicKind } from './topic.js';

/** What the person asked for (/draft's options and the workspace's settings). */
export interface DraftInput {
  channel: DraftChannel;
  topic: string;
  keywords: readonly string[];
  /** Undefined: the brand's voice decides (formal for a B2B brand), friendly otherwise. */
  tone?: string | undefined;
  locale: Locale;
  /** The workspace's brand profile; an empty object when none is set. */
  brand?: BrandProfile;
  /** The digits Arabic text uses (Workspace.digits). */
  digits?: 'latin' | 'arabic';
}

/** The same request once the service has read it: the topic's kind and the tone to write in. */
export interface DraftRequest {
  channel: DraftChannel;
  topic: string;
  keywords: readonly string[];
  tone: WritingTone;
  locale: Locale;
  kind: TopicKind;
  brand: BrandProfile;
  digits: 'latin' | 'arabic';
  /** Counts the drafts written so far: consecutive drafts of one topic open differently. */
  variant: number;
}

export interface DraftWriter {
  /** Shown in the reply's footnote ("templates", "the AI model"...). */
  readonly name: string;
  write(req: DraftRequest): Promise<Draft>;
}
