/**
 * Arabic replies end to end (issue 21): the workspace's digit style (`/config digits`), money placed
 * by the Arabic convention in plans and reports alike, and channel names in Arabic in /schedule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const WESTERN_FIGURE = /\d/;

describe('Arabic replies', () => {
  let app: TestApp;
  const admin = identity({ user: 'U-admin' });
  const ar = identity({ user: 'U-admin', locale: 'ar' });
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z');
    await app.say('/config', admin);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('/config digits arabic shows figures in Arabic-Indic digits; latin (the default) in Western ones', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect(ws.digits).toBe('latin');
    await app.services.metrics.importCsv(
      ws,
      'date,channel,campaign,impressions,clicks,spend,revenue\n2026-11-20,facebook,Launch,10000,200,1500.00,4500.00',
    );
    const latin = textOf(await app.say('/report 7d', ar));
    expect(latin).toContain('4,500');
    expect(latin).not.toMatch(/[\u0660-\u0669]/);

    expect(textOf(await app.say('/config digits arabic', admin))).toContain('Arabic-Indic');
    const shown = textOf(await app.say('/report 7d', ar));
    expect(shown).toContain('٤٬٥٠٠');
    expect(shown).toContain('العائد على الاستثمار ROI | ٢٠٠٪');
    expect(shown).toContain('٣٫٠٠×');
    // Table figures carry no Western digit; only the dates of the range typed as a command may.
    const table = shown.split('\n').filter((l) => l.includes('|'));
    expect(table.length).toBeGreaterThan(2);
    for (const line of table) expect(line, line).not.toMatch(WESTERN_FIGURE);
    expect(textOf(await app.say('/config', ar))).toContain('عربية هندية');
    // The CSV is for spreadsheets: Western digits and no direction marks, whatever the chat shows.
    const csv = (await app.say('/report 7d format:csv', ar)).blocks.find((b) => b.kind === 'file');
    const content = csv?.kind === 'file' ? String(csv.content) : '';
    expect(content).toContain('4500.00');
    expect(content).not.toMatch(/[\u2066-\u2069\u0660-\u0669]/);

    await app.say('/config digits latin', admin);
    expect(textOf(await app.say('/report 7d', ar))).toContain('4,500');
    // The style may be named in Arabic too.
    await app.say('/config digits عربية', ar);
    expect(textOf(await app.say('/report 7d', ar))).toContain('٤٬٥٠٠');
    expect(textOf(await app.say('/config digits roman', admin))).toMatch(/latin|arabic/);
  });

  it('a plan in Arabic puts the currency after the amount, as reports do', async () => {
    const r = await app.say(
      '/brainstorm product:"قهوة باردة" goal:awareness budget:15000 currency:SAR duration:6w',
      ar,
    );
    const out = textOf(r);
    expect(out).toContain('15,000 ر.س.');
    expect(out).not.toContain('SAR 15,000');
    const en = textOf(
      await app.say('/brainstorm product:"cold brew" goal:awareness budget:15000 currency:SAR duration:6w', admin),
    );
    expect(en).toContain('SAR 15,000');
  });

  it('a brainstorm in Arabic counts its channels («على قناتين») and separates tactics with «؛»', async () => {
    await app.say('/config digits arabic', admin);
    const out = textOf(
      await app.say(
        '/brainstorm product:"قهوة باردة" goal:وعي budget:١٥٠٠٠ currency:SAR duration:6w market:"الرياض"',
        ar,
      ),
    );
    // The counted noun after the number: «على ٣ قنوات» here (and «على قناتين» for two), never «على ٢ قنوات».
    expect(out).toMatch(/توزيع ١٥٬٠٠٠ ر\.س\. على (قناتين|[٣-٩] قنوات)/);
    expect(out).not.toMatch(/على [2٢] قنوات/);
    expect(out).toContain('؛ ');
    expect(out).not.toContain('; ');
    // The ideas' numbers too: «١. …», not "1." among Arabic-Indic figures.
    expect(out).toMatch(/^١\. /m);
    expect(out).not.toMatch(/^1\. /m);
  });

  it('/schedule names the network in Arabic, and the length limit with a counted noun', async () => {
    const ok = await app.say('/schedule instagram tomorrow 9am media:https://x.example/a.jpg | قهوة', ar);
    expect(ok.title).toBe('جُدول على إنستغرام');
    expect(textOf(ok)).toContain('القناة: إنستغرام');
    expect(textOf(ok)).not.toMatch(/Instagram/);
    const long = await app.say(
      `/schedule instagram tomorrow 9am media:https://x.example/a.jpg | ${'ق'.repeat(2201)}`,
      ar,
    );
    expect(textOf(long)).toContain('طول التعليق 2,201 حرف، والحد 2,200.');
    const noMedia = await app.say('/schedule instagram tomorrow 9am | قهوة', ar);
    expect(textOf(noMedia)).toContain('إنستغرام يحتاج صورة أو فيديو');
    await app.say('/config digits arabic', admin);
    const card = textOf(await app.say('/schedule show 1', ar));
    // Every figure on the card in one digit system (the zone's name is the only Latin left).
    expect(card).toContain('٢٧ نوفمبر ٢٠٢٦، ٠٩:٠٠');
    expect(card).not.toMatch(/\d/);
  });

  it('/schedule 01/02/2027 in Riyadh is 1 February, written out, with the other reading named', async () => {
    await app.say('/config timezone Asia/Riyadh', admin);
    const en = textOf(await app.say('/schedule reminder "01/02/2027 10:00" | Call the printer', admin));
    expect(en).toContain('Read as Monday, 1 February 2027. Numbers alone could also mean Saturday, 2 January 2027');
    const shownAr = textOf(await app.say('/schedule reminder "01/03/2027 10:00" | اتصل بالمطبعة', ar));
    expect(shownAr).toContain(
      'فُهم التاريخ على أنه الاثنين، 1 مارس 2027. الأرقام وحدها قد تعني أيضًا الأحد، 3 يناير 2027',
    );
    expect(shownAr).toContain('الأحد، 3 يناير 2027');
    const plain = textOf(await app.say('/schedule reminder "13/02/2027 10:00" | Call again', admin));
    expect(plain).not.toContain('could also mean');
  });

  it('a time given by a prayer («بعد المغرب») is confirmed as an approximation, with the time taken', async () => {
    await app.say('/config timezone Asia/Riyadh', admin);
    await app.say('/config digits arabic', admin);
    const shown = textOf(await app.say('/schedule reminder غدا بعد المغرب | اتصل بالمطبعة', ar));
    // A reminder is scheduled, not scheduled "on" a reminder.
    expect(shown.split('\n')[0]).toBe('جُدول التذكير');
    expect(shown).toContain(
      '«بعد المغرب» وقت تقريبي، أُخذ على أنه الجمعة، ٢٧ نوفمبر ٢٠٢٦، ١٩:٠٠ غرينتش+٣، لأن مواقيت الصلاة تتغير مع الفصول ومن مدينة إلى أخرى.',
    );
    const en = textOf(await app.say('/schedule reminder "غدا بعد صلاة العصر" | Call the printer', admin));
    expect(en).toContain('"بعد صلاة العصر" was taken as Fri, 27 Nov 2026, 16:00 GMT+3, an approximation');
    // Moving a post to a prayer time says so too; a clock time says nothing of the kind.
    const moved = textOf(await app.say('/schedule edit 1 when:"الخميس القادم عند الفجر"', ar));
    expect(moved).toContain('«عند الفجر» وقت تقريبي، أُخذ على أنه الخميس، ٣ ديسمبر ٢٠٢٦، ٠٦:٠٠ غرينتش+٣');
    expect(textOf(await app.say('/schedule edit 1 when:"غدا 7 مساء"', ar))).not.toContain('تقريبي');
    expect(textOf(await app.say('/schedule reminder "غدا بعد الظهر 3" | اتصل', ar))).not.toContain('تقريبي');
  });

  it('numbers written into Arabic sentences follow the digit style too (no «٨ أسابيع» beside 41.2%)', async () => {
    expect(textOf(await app.say('/report trends', ar))).toContain('آخر 8 أسابيع');
    await app.say('/config digits arabic', admin);
    expect(textOf(await app.say('/report trends', ar))).toContain('آخر ٨ أسابيع');
  });

  it('an alert in Arabic names the network in Arabic, from the same table', async () => {
    const ws = await app.services.comments.consoleWorkspace();
    await app.services.workspaces.update(ws.id, { locale: 'ar' });
    await app.services.comments.ingest(await app.services.comments.consoleWorkspace(), {
      provider: 'instagram',
      externalId: 'ig-ar-1',
      text: 'الطلب ما وصل ولا أحد يرد، راح أرفع عليكم قضية!',
      author: '@sara',
      url: 'https://instagram.com/p/abc',
    });
    const shown = textOf(app.recorder.notices[0]?.reply ?? { blocks: [] });
    expect(shown).toContain('إنستغرام');
    expect(shown).not.toContain('Instagram');
  });
});
