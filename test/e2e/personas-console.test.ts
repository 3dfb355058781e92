import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-personas-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The personas a console session printed, each from its title line to the next blank line. */
function personas(stdout: string): string[] {
  return stdout.split('\n\n').filter((b) => /^✔ (Persona|الشخصية) #[\d\u0660-\u0669]+/.test(b.trim()));
}

/** The number of the "Personas for this" button of the reply before it. */
const personaButton = (stdout: string, label: string) =>
  [...stdout.matchAll(new RegExp(`\\[(\\d+)\\] ${label}`, 'g'))].map((m) => Number(m[1]));

// 3 ideas for QAR 1,500 (under 5,000 USD), 4 for SAR 20,000: the persona button is 5, then 6.
const FATHERS = 'busy fathers in Doha who order pet food online';
const HR = 'HR managers at mid-size companies in Riyadh';
const FATHERS_AR = 'آباء مشغولون في الدوحة يطلبون طعام الحيوانات الأليفة عبر الإنترنت';
const HR_AR = 'مديرو الموارد البشرية في الشركات المتوسطة بالرياض';

describe('"Personas for this" pressed in the console: a persona that fits the segment (issue 17, personas)', () => {
  it('English: a father with pet-food objections; a B2B buyer with title, company size, buying role and price/integration/risk objections', async () => {
    const r = await runCli(['--lang', 'en'], {
      env,
      input: [
        `/brainstorm product:"pet food" goal:sales budget:1500 currency:QAR market:"${FATHERS}"`,
        '5',
        `/brainstorm product:"payroll software" goal:leads budget:20000 currency:SAR market:"${HR}"`,
        '6',
        `/brainstorm product:"pet food" goal:sales budget:1500 currency:QAR market:"busy mothers in Dubai who order pet food online"`,
        '5',
        '',
      ].join('\n'),
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    expect(personaButton(r.stdout, 'Personas for this')).toEqual([5, 6, 5]);
    const [father, hr, mother] = personas(r.stdout);
    expect(father).toMatch(/Persona #1: \p{L}+, the busy father/u);
    expect(father).toMatch(/Target segment {2}busy fathers in Doha who order pet food online/);
    expect(father).toMatch(/Demographics {4}28-45; man; Doha\n/);
    expect(father).toContain('Objections: Will my pet eat it');
    expect(father).not.toMatch(/woman|mother|Can I return it/);

    expect(hr).toMatch(/Persona #2: \p{L}+, the HR manager/u);
    expect(hr).toContain('company of 50-500 employees');
    expect(hr).toContain('champion: finds the solution and makes the case to the budget owner');
    expect(hr).toMatch(
      // Questions end with their own mark: no semicolon after one (plural.ts, itemList).
      /Objections: Will it cost less than[^\n]*\? Does it work with the payroll[^\n]*\? What happens to our data[^\n]*if the rollout goes wrong/,
    );
    expect(hr).toContain('LinkedIn ads');
    expect(hr).not.toMatch(/shopper|Can I return it/);

    expect(mother).toMatch(/Persona #3: \p{L}+, the busy mother/u);
    expect(mother).toMatch(/Demographics {4}28-45; woman; Dubai\n/);
    // Two different segments never give the same persona.
    const body = (p: string) => p.split('\n').slice(2).join('\n');
    expect(new Set([father, hr, mother].map((p) => body(p as string))).size).toBe(3);
  }, 90_000);

  it('Arabic segments: a father («الأب») with Arabic pet objections; HR managers as business buyers', async () => {
    const r = await runCli(['--lang', 'ar'], {
      env,
      input: [
        `/brainstorm product:"طعام الحيوانات الأليفة" goal:sales budget:1500 currency:QAR market:"${FATHERS_AR}"`,
        '5',
        `/brainstorm product:"برنامج رواتب" goal:leads budget:20000 currency:SAR market:"${HR_AR}"`,
        '6',
        '',
      ].join('\n'),
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    expect(personaButton(r.stdout, 'شخصيات لهذه الحملة')).toEqual([5, 6]);
    const [father, hr] = personas(r.stdout);
    expect(father).toMatch(/الشخصية #4: \p{L}+، الأب المشغول/u);
    expect(father).toMatch(/رجل؛ الدوحة\n/);
    expect(father).toContain('هل سيأكله حيواني الأليف');
    expect(father).not.toContain('امرأة');
    expect(hr).toMatch(/الشخصية #5: \p{L}+، (مدير|مديرة) الموارد البشرية/u);
    // The workspace's digit style (Latin by default) for every figure: no Arabic-Indic age next to Latin amounts.
    expect(hr).toContain('من 50 إلى 500 موظف');
    expect(father).toContain('من 28 إلى 45 عامًا');
    expect(`${father}\n${hr}`).not.toMatch(/[\u0660-\u0669]/);
    expect(hr).toContain('المرشِّح');
    expect(hr).toContain('هل يعمل مع');
    expect(hr).toContain('ماذا يحدث لبياناتنا وفريقنا إن تعثّر التطبيق؟');
    expect(hr).toContain('إعلانات لينكدإن');
    // Arabic replies carry no English words of the bot's own (the segment is Arabic too).
    // With /config digits arabic, the same persona shows Arabic-Indic digits throughout.
    const arabic = await runCli(['--lang', 'ar'], {
      env,
      input: `/config digits arabic\n/persona create ${HR_AR}\n`,
      timeoutMs: 60_000,
    });
    const [hrArabicDigits] = personas(arabic.stdout);
    expect(hrArabicDigits).toContain('من ٥٠ إلى ٥٠٠ موظف');
    expect(hrArabicDigits).toMatch(/من ٣٠ إلى ٤٥ عامًا|من ٣٥ إلى ٥٥ عامًا/);
    // (The command and option names of the hint and the name OpenAI are allowed.)
    expect(
      `${father}\n${hr}`
        .replace(/\u2068\/plan (?:edit|list)\u2069/g, '')
        .replace(/\u2068personas:\d+\u2069/g, '')
        .replaceAll('OpenAI', ''),
    ).not.toMatch(/[A-Za-z]{3,}/);
  }, 90_000);
});
