import { Writable } from 'node:stream';

/** A log destination that keeps every line, so a test can check what was (and was not) logged. */
export class LogLines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
}
