import type { Command } from '../src/core/command.js';
import alerts from './alerts.js';
import audit from './audit.js';
import brainstorm from './brainstorm.js';
import brand from './brand.js';
import config from './config.js';
import connect from './connect.js';
import digest from './digest.js';
import draft from './draft.js';
import help from './help.js';
import home from './home.js';
import persona from './persona.js';
import plan from './plan.js';
import report from './report.js';
import roles from './roles.js';
import schedule from './schedule.js';
import seo from './seo.js';

/** Every installed command, in the order /help lists them. One file per command in this folder. */
export const commands: readonly Command[] = [
  help(() => commands),
  home,
  brainstorm,
  plan,
  persona,
  draft,
  schedule,
  report,
  digest,
  seo,
  alerts,
  connect,
  config,
  brand,
  roles,
  audit,
];
