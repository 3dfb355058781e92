import type { Command } from '../src/core/command.js';
import config from './config.js';
import connect from './connect.js';
import help from './help.js';
import schedule from './schedule.js';

/** Every installed command, in the order /help lists them. One file per command in this folder. */
export const commands: readonly Command[] = [help, config, schedule, connect];
