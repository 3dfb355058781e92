import type { Command } from '../src/core/command.js';
import config from './config.js';
import digest from './digest.js';
import help from './help.js';
import report from './report.js';

/** Every installed command, in the order /help lists them. One file per command in this folder. */
export const commands: readonly Command[] = [help, config, report, digest];
