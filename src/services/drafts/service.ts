import type { Draft } from './channels.js';
import { fitToChannel } from './channels.js';
import type { DraftRequest, DraftWriter } from './writer.js';

/** Writes a draft with whichever writer is installed and makes it fit its channel. */
export class DraftService {
  constructor(readonly writer: DraftWriter) {}

  async draft(req: DraftRequest): Promise<Draft> {
    return fitToChannel(await this.writer.write(req));
  }
}
