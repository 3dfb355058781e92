import type { Config } from '../config.js';
import type { Locale } from '../core/i18n.js';
import type { Logger } from '../log.js';
import { discordRegister } from './discord-register.js';
import { migrate } from './migrate.js';
import { sentimentVerb } from './sentiment.js';
import { slackManifest } from './slack-manifest.js';
import { consoleVerb, startVerb } from './start.js';

export interface VerbContext {
  config: Config;
  log: Logger;
  /** Words after the verb, flags already removed. */
  args: string[];
  lang?: Locale;
  stdout: (text: string) => void;
  stdin: NodeJS.ReadableStream;
}

export interface Verb {
  name: string;
  summary: string;
  /** Resolves to the exit code. */
  run(v: VerbContext): Promise<number>;
}

/** Every `mktbot <verb>`; each lives in its own file in this folder. */
export const verbs: readonly Verb[] = [startVerb, consoleVerb, migrate, slackManifest, discordRegister, sentimentVerb];
