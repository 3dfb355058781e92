import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { iso } from '../../src/core/i18n.js';
import { createLogger } from '../../src/log.js';
import { LogLines } from '../helpers/log-lines.js';

describe('log lines (docs/operations.md, "Logs")', () => {
  it("keep pino's pid and hostname, so lines from several replicas can be told apart", () => {
    const sink = new LogLines();
    const { lines } = sink;
    createLogger('info', sink).info({ job: 'digest' }, 'job ran');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 30,
      pid: process.pid,
      hostname: hostname(),
      app: 'mktbot',
      job: 'digest',
      msg: 'job ran',
    });
  });

  it('carry no direction isolates, even from an Arabic message a user was shown', () => {
    const sink = new LogLines();
    const { lines } = sink;
    const shown = `لا يعرف Slack القناة ${iso('C123')}`;
    createLogger('info', sink).warn({ err: new Error(shown), reason: iso('42') }, `notice failed: ${shown}`);
    expect(lines[0]).toContain('لا يعرف Slack القناة C123');
    expect(lines[0]).not.toMatch(/[\u2066-\u2069]/);
  });
});
