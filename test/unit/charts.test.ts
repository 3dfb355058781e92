import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  CHART_ZOOM,
  lineChartSvg,
  niceCeil,
  pngSize,
  renderPng,
} from '../../src/reporting/charts.js';

/** Decodes the PNG's image data far enough to prove it is whole: IDAT inflates to one row per line. */
function decode(png: Uint8Array) {
  const { width, height } = pngSize(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  let colorType = -1;
  let seenEnd = false;
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') colorType = data[9] ?? -1;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') seenEnd = true;
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  return { width, height, raw, channels, seenEnd };
}

const chart = (title: string, rtl = false) =>
  lineChartSvg({
    title,
    subtitle: '2026-11-16 .. 2026-11-22',
    rtl,
    xLabels: ['11-16', '11-17', '11-18'],
    series: [
      { label: rtl ? 'الإنفاق' : 'Spend', values: [100, 120, 90] },
      { label: rtl ? 'الإيرادات' : 'Revenue', values: [300, 280, 410] },
    ],
    formatY: (v) => String(v),
  });

describe('charts', () => {
  it('renders a PNG that decodes at twice the chart size', () => {
    const png = renderPng(chart('Spend and revenue per day'));
    const d = decode(png);
    expect(d).toMatchObject({ width: CHART_WIDTH * CHART_ZOOM, height: CHART_HEIGHT * CHART_ZOOM, seenEnd: true });
    expect(d.channels).toBeGreaterThan(0);
    expect(d.raw.length).toBe(d.height * (1 + d.width * d.channels));
  });

  it('draws Arabic text with the bundled font (the title is not blank)', () => {
    const withTitle = decode(renderPng(chart('الإنفاق والإيرادات يوميًا', true)));
    const without = decode(renderPng(chart('', true)));
    // The title band (top 40 px at 2x) holds ink only when the glyphs were found and drawn.
    const band = (d: ReturnType<typeof decode>) => d.raw.subarray(0, 40 * (1 + d.width * d.channels));
    expect(Buffer.compare(band(withTitle), band(without))).not.toBe(0);
  });

  it('escapes labels so user text cannot break the SVG', () => {
    const svg = chart('Tom & Jerry <b>"x"</b>');
    expect(svg).toContain('Tom &amp; Jerry &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(() => renderPng(svg)).not.toThrow();
  });

  it('rounds axis maxima up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 7, 12, 180, 240, 4100, 9001].map(niceCeil)).toEqual([1, 10, 20, 200, 250, 5000, 10000]);
  });
});
