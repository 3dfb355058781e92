import { type FallbackReason, type Llm, LlmError } from '../../lib/llm.js';
import type { Logger } from '../../log.js';
import type { Draft } from './channels.js';
import { fitToChannel } from './channels.js';
import { LlmDraftWriter } from './llm-writer.js';
import { TemplateDraftWriter } from './templates.js';
import type { DraftRequest, DraftWriter } from './writer.js';

export interface WrittenDraft {
  draft: Draft;
  /** The writer whose draft this is (shown in the reply's footnote). */
  writer: string;
  /** Set when the installed writer failed and the fallback wrote the draft instead. */
  fallback?: FallbackReason;
}

/**
 * Writes a draft with whichever writer is installed and makes it fit its channel; when that writer
 * fails (the model timed out, answered badly, was unavailable) the fallback writer answers instead.
 */
export class DraftService {
  constructor(
    readonly writer: DraftWriter,
    private readonly fallback?: DraftWriter,
    private readonly log?: Logger,
  ) {}

  async draft(req: DraftRequest): Promise<Draft> {
    return (await this.write(req)).draft;
  }

  async write(req: DraftRequest): Promise<WrittenDraft> {
    try {
      return { draft: fitToChannel(await this.writer.write(req)), writer: this.writer.name };
    } catch (err) {
      if (!this.fallback) throw err;
      const reason: FallbackReason = err instanceof LlmError ? err.reason : 'unavailable';
      this.log?.warn({ task: 'draft', reason, err: err instanceof Error ? err.message : String(err) }, 'llm fallback');
      return { draft: fitToChannel(await this.fallback.write(req)), writer: this.fallback.name, fallback: reason };
    }
  }
}

/** The model when one is configured, the templates behind it; the templates alone otherwise. */
export function draftService(llm: Llm | undefined, log: Logger): DraftService {
  const templates = new TemplateDraftWriter();
  return llm ? new DraftService(new LlmDraftWriter(llm), templates, log) : new DraftService(templates);
}
