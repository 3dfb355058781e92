import type { Platform } from '../core/context.js';
import type { Notifier } from '../core/notifier.js';

/** A chat platform connection. Adapters render Replies and turn platform events into router calls. */
export interface Adapter {
  platform: Platform;
  /** How jobs post into this platform's channels. */
  notifier: Notifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}
