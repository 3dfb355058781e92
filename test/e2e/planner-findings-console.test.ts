import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_INFO, STRATEGIES } from '../../src/planning/catalog.js';
import { runCli } from '../helpers/cli.js';

/**
 * The findings of issue 17, each reproduced with its brief in one console session of the real CLI
 * (offline planner, no OpenAI key), as the senior marketer who filed it typed them.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-findings-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BRIEFS = {
  payroll:
    '/brainstorm product:"payroll software for HR teams" goal:leads budget:250000 currency:SAR duration:12w market:"HR managers at mid-size companies in Riyadh"',
  cairo: '/brainstorm product:"frozen food" goal:awareness budget:40000 currency:EGP market:"young mothers in Cairo"',
  bread: '/brainstorm product:"sourdough bread" goal:sales budget:150 currency:USD',
  breadAov: '/brainstorm product:"sourdough bread" goal:sales budget:150 currency:USD order_value:5',
  whitening: '/brainstorm product:"teeth whitening" goal:leads budget:5000 currency:AED market:"Dubai"',
  more1: '4',
  more2: '4',
  clinic: '/brainstorm product:"dental clinic" goal:leads budget:3000 currency:SAR market:"families in Riyadh"',
  charity: '/brainstorm product:"orphan sponsorship" goal:sales budget:20000 currency:SAR market:"donors in Riyadh"',
  list: '/brainstorm product:"meal kits" goal:retention budget:3000 currency:SAR market:"existing subscribers in Riyadh"',
  year: '/brainstorm product:"sourdough bread" goal:sales budget:50000 currency:USD duration:52w market:"Brooklyn"',
  engagement: '/brainstorm product:"cold brew" goal:engagement budget:400 currency:USD market:"students in Amman"',
  planCreate: '/plan create "payroll software for companies" goal:leads budget:9000 currency:AED market:"Dubai"',
  planEdit: '/plan edit 1 budget:12000',
  planShow: '/plan show 1',
  eur: '/brainstorm product:"yoga classes" goal:leads budget:820.8 currency:EUR market:"Berlin"',
} as const;
type Brief = keyof typeof BRIEFS;

let replies: Record<Brief, string>;
let all: string;

beforeAll(async () => {
  const keys = Object.keys(BRIEFS) as Brief[];
  const r = await runCli(['--lang', 'en'], {
    env,
    input: `${keys.map((k) => BRIEFS[k]).join('\n')}\n`,
    timeoutMs: 90_000,
  });
  expect(r.code).toBe(0);
  all = r.stdout;
  const parts = r.stdout.split('\n\n').filter((p) => p.trim());
  expect(parts).toHaveLength(keys.length);
  replies = Object.fromEntries(keys.map((k, i) => [k, parts[i] as string])) as Record<Brief, string>;
}, 120_000);

/** The ideas of a brainstorm reply: from "1. Title" to the next numbered title. */
function ideas(reply: string): Array<{ title: string; text: string; channels: string[] }> {
  const chunks = reply.split(/\n(?=\d\. )/).slice(1);
  return chunks.map((c) => ({
    title: (c.split('\n')[0] ?? '').replace(/^\d\. /, ''),
    text: c,
    channels: Object.values(CHANNEL_INFO)
      .map((i) => i.label.en)
      .filter((label) => new RegExp(`\\n  ${label.replace(/[()]/g, '\\$&')}  `).test(c)),
  }));
}
const num = (s: string | undefined) => Number((s ?? '').replace(/[^\d.]/g, ''));

describe('the 17 findings of issue 17, in the console', () => {
  it('1. payroll: leads x CPL is the budget in every idea (626 leads at SAR 250.09 was SAR 156,556)', () => {
    const found = ideas(replies.payroll);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const i of found) {
      const leads = num(i.text.match(/Leads: at least ([\d,]+)/)?.[1]);
      const cpl = num(i.text.match(/Cost per lead \(CPL\): at most SAR ([\d,.]+)/)?.[1]);
      expect(leads, i.title).toBeGreaterThan(0);
      expect(Math.abs(leads * cpl - 250_000), i.title).toBeLessThanOrEqual(leads * 0.005 + 0.01);
    }
  });

  it('2. no ROI next to ROAS: no target restates another', () => {
    expect(all).not.toMatch(/\bROI\b/);
    for (const k of Object.keys(replies) as Brief[])
      for (const i of ideas(replies[k])) {
        const kpis = [...i.text.matchAll(/\n {2}• ([^:\n]+): at (least|most)/g)].map((m) => m[1]);
        expect(new Set(kpis).size, `${k}: ${i.title}`).toBe(kpis.length);
      }
  });

  it('3. frozen food in Cairo: an Egyptian CPM (about EGP 84), not a US one converted (EGP 415)', () => {
    for (const i of ideas(replies.cairo)) {
      const cpm = i.text.match(/CPM\): at most EGP ([\d,.]+)/)?.[1];
      if (cpm) expect(num(cpm), i.title).toBeLessThan(150);
    }
    expect(replies.cairo).toMatch(/CPM\): at most EGP/);
  });

  it('4. a 150 USD sourdough plan: no ROAS without the order value; with a 5 USD order it says ads lose money', () => {
    expect(replies.bread).not.toContain('ROAS): at least');
    expect(replies.bread).toContain('A ROAS target needs your average order value');
    expect(replies.breadAov).not.toMatch(/ROAS\): at least [1-9]/);
    expect(replies.breadAov).toMatch(/At an average order of USD 5, paid ads (would )?lose money/);
    expect(ideas(replies.breadAov)[0]?.title).toBe('Bundles and repeat orders');
  });

  it('5-7. titles agree with the channels: every idea funds the channel that defines it (search, webinars…)', () => {
    let checked = 0;
    for (const k of Object.keys(replies) as Brief[])
      for (const i of ideas(replies[k])) {
        const st = STRATEGIES.find((s) => s.title.en === i.title);
        expect(st, i.title).toBeDefined();
        const lead = st?.mix[0]?.[0];
        if (lead) expect(i.channels, `${k}: ${i.title}`).toContain(CHANNEL_INFO[lead].label.en);
        checked++;
      }
    expect(checked).toBeGreaterThan(30);
  });

  it('8. rates only of funded channels: no email rate without email, no view rate without video', () => {
    for (const k of Object.keys(replies) as Brief[])
      for (const i of ideas(replies[k])) {
        if (/Email (click|open) rate/.test(i.text)) expect(i.channels, i.title).toContain('Email marketing');
        if (/Video view rate/.test(i.text)) expect(i.channels, i.title).toContain('Video (YouTube)');
      }
  });

  it('9. no reasoning about the audience that the channels contradict', () => {
    expect(all).not.toMatch(/reads as consumers|so social is preferred/);
  });

  it('10. no webinar funnel for teeth whitening, on any page of More ideas', () => {
    for (const r of [replies.whitening, replies.more1, replies.more2]) {
      expect(r).not.toMatch(/Webinar|Live sessions|Webinars and live events/);
    }
    expect(replies.more1).toContain('campaign ideas for teeth whitening');
  });

  it('11. a local clinic gets Google Business Profile and Maps, and WhatsApp', () => {
    expect(replies.clinic).toContain('Google Business Profile and Maps');
    expect(replies.clinic).toContain('WhatsApp Business');
  });

  it('12. an orphan-sponsorship charity: no creator discount codes, no "ready to buy"', () => {
    expect(replies.charity).not.toMatch(/discount code|Ready to buy|lookalikes of your best customers/i);
    expect(replies.charity).toMatch(/Donations: at least|donor/i);
  });

  it('13. existing subscribers get no welcome sequence, and no "Customers in existing subscribers"', () => {
    expect(replies.list).not.toMatch(/welcome sequence/i);
    expect(all).not.toMatch(/Customers in existing subscribers/);
  });

  it('14. no "This week only" in a 52-week plan', () => {
    expect(replies.year).not.toMatch(/this week only/i);
    expect(replies.year).toContain('52 weeks');
  });

  it('15. sentences do not break on the user’s words: no conjugated verb after them, no doubled word', () => {
    expect(all).not.toMatch(/young mothers in Cairo knows|Riyadh searches|\bwhen HR managers/);
    expect(all).not.toMatch(/\b(ads|the|for|of|to|a) \1\b/i);
  });

  it('16. /plan edit budget recomputes the targets and the reasoning, and says what changed; More ideas shows new ideas', () => {
    expect(replies.planEdit).toContain('Budget: AED 9,000 → AED 12,000');
    expect(replies.planEdit).toMatch(/Leads: \d[\d,]* → \d/);
    expect(replies.planShow).toContain('AED 12,000');
    expect(replies.planShow).not.toContain('AED 9,000');
    const titles = (r: string) => ideas(r).map((i) => i.title);
    // A page of More ideas repeats none, unless it says the catalog for this goal and business is exhausted.
    const first = titles(replies.whitening);
    if (!replies.more1.includes('These are the last approaches the built-in planner has'))
      for (const t of titles(replies.more1)) expect(first).not.toContain(t);
  });

  it('17. money: whole units in splits, two decimals when a fraction shows, shares that add to 100%', () => {
    expect(all).not.toMatch(/SAR [\d,]+\.\d\b|EUR [\d,]+\.\d\b/);
    expect(replies.eur).toContain('EUR 820.80');
    for (const k of Object.keys(replies) as Brief[])
      for (const i of ideas(replies[k])) {
        const shares = [...i.text.matchAll(/ {2}([\d.]+)%\n/g)].map((m) => Number(m[1]));
        const rows = i.channels.length;
        if (rows > 0) expect(Math.round(shares.slice(0, rows).reduce((a, b) => a + b, 0) * 10), i.title).toBe(1000);
      }
  });
});
