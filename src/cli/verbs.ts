import { importMetrics } from './csv/import-metrics.js';
import { importPostFiguresVerb } from './csv/import-post-figures.js';
import { scheduleImport } from './csv/schedule-import.js';
import { demo } from './demo.js';
import { digest } from './digest.js';
import { discordRegister } from './discord-register.js';
import { migrate } from './migrate.js';
import { rotateKey } from './rotate-key.js';
import { sentimentVerb } from './sentiment.js';
import { slackManifest } from './slack-manifest.js';
import { consoleVerb, startVerb } from './start.js';
import type { Verb } from './verb.js';

/**
 * Every `mktbot <verb>`, in the order `mktbot help` lists them; each is declared with `defineVerb` in its
 * own file in this folder. All of them are imported on every start, so a verb loads heavy modules
 * (platform SDKs) inside `run`, not at the top of its file.
 */
export const verbs: readonly Verb[] = [
  startVerb,
  consoleVerb,
  migrate,
  slackManifest,
  discordRegister,
  sentimentVerb,
  importMetrics,
  scheduleImport,
  importPostFiguresVerb,
  demo,
  digest,
  rotateKey,
];
