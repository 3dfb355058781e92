import type { Command } from '../src/core/command.js';
import config from './config.js';
import draft from './draft.js';
import help from './help.js';
import seo from './seo.js';

/** Every installed command, in the order /help lists them. One file per command in this folder. */
export const commands: readonly Command[] = [help, config, draft, seo];
