import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-brand-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the brand profile through the real CLI (issue 17, item 1)', () => {
  it('a first brainstorm asks for the profile once; once set, the plans follow it', async () => {
    const first = await runCli([], {
      env,
      input:
        '/brainstorm product:"teeth whitening" goal:leads budget:5000\n/brainstorm product:"teeth whitening" goal:leads budget:5000\n',
    });
    expect(first.code).toBe(0);
    expect(first.stdout.split('Tip: tell the bot about your business once')).toHaveLength(2);
    const r = await runCli([], {
      env,
      input:
        '/brand set name:"Bright" type:local market:"Riyadh" currency:SAR order_value:900\n/brand\n/brainstorm product:"teeth whitening" goal:sales budget:5000\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brand profile saved.');
    expect(r.stdout).toMatch(/Business type\s+local business/);
    expect(r.stdout).toContain('Budget: SAR 5,000');
    expect(r.stdout).toContain('Business type: local business (from the brand profile).');
    expect(r.stdout).toContain('Google Business Profile and Maps');
    expect(r.stdout).toMatch(/Return on ad spend \(ROAS\): at least \d/);
  }, 60_000);
});
