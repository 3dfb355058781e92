import { type FallbackReason, type Llm, LlmError } from '../../lib/llm.js';
import type { Logger } from '../../log.js';
import type { Draft } from './channels.js';
import { fitToChannel } from './channels.js';
import { LlmDraftWriter } from './llm-writer.js';
import type { WritingTone } from './phrasebook.js';
import { TemplateDraftWriter } from './templates.js';
import { chooseTone, type ToneChoice } from './tone.js';
import { classifyTopic, type TopicKind } from './topic.js';
import type { DraftInput, DraftRequest, DraftWriter } from './writer.js';

export interface WrittenDraft {
  draft: Draft;
  /** The writer whose draft this is (shown in the reply's footnote). */
  writer: string;
  /** Set when the installed writer failed and the fallback wrote the draft instead. */
  fallback?: FallbackReason;
  /** What the topic was read as, and the tone written in. */
  kind: TopicKind;
  tone: WritingTone;
  /** Set when the tone asked for was not used (urgency for a how-to). */
  toneRefused?: ToneChoice['refused'];
}

/**
 * Writes a draft with whichever writer is installed and makes it fit its channel; when that writer
 * fails (the model timed out, answered badly, was unavailable) the fallback writer answers instead.
 * It reads the request first: the topic's kind, the tone (the brand's voice when none is asked),
 * and which variant this is, so asking again for the same topic gives a different opening.
 */
export class DraftService {
  private drafted = 0;

  constructor(
    readonly writer: DraftWriter,
    private readonly fallback?: DraftWriter,
    private readonly log?: Logger,
  ) {}

  async draft(input: DraftInput): Promise<Draft> {
    return (await this.write(input)).draft;
  }

  /** The request as writers get it: kind, tone and variant settled. */
  request(input: DraftInput, variant = this.drafted++): { req: DraftRequest; choice: ToneChoice } {
    const brand = input.brand ?? {};
    const kind = classifyTopic(input.topic, input.keywords);
    const choice = chooseTone(input.tone, kind, brand);
    const req: DraftRequest = {
      channel: input.channel,
      topic: input.topic,
      keywords: input.keywords,
      tone: choice.tone,
      locale: input.locale,
      kind,
      brand,
      digits: input.digits ?? 'latin',
      variant,
    };
    return { req, choice };
  }

  async write(input: DraftInput, variant?: number): Promise<WrittenDraft> {
    const { req, choice } = this.request(input, variant);
    const meta = { kind: req.kind, tone: req.tone, ...(choice.refused ? { toneRefused: choice.refused } : {}) };
    try {
      return { draft: fitToChannel(await this.writer.write(req)), writer: this.writer.name, ...meta };
    } catch (err) {
      if (!this.fallback) throw err;
      const reason: FallbackReason = err instanceof LlmError ? err.reason : 'unavailable';
      this.log?.warn({ task: 'draft', reason, err: err instanceof Error ? err.message : String(err) }, 'llm fallback');
      return {
        draft: fitToChannel(await this.fallback.write(req)),
        writer: this.fallback.name,
        fallback: reason,
        ...meta,
      };
    }
  }
}

/** The model when one is configured, the copywriter behind it; the copywriter alone otherwise. */
export function draftService(llm: Llm | undefined, log: Logger): DraftService {
  const templates = new TemplateDraftWriter();
  return llm ? new DraftService(new LlmDraftWriter(llm), templates, log) : new DraftService(templates);
}
