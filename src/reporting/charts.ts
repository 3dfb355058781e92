/**
 * PNG charts without a browser or system fonts: an SVG written here, rendered by @resvg/resvg-js
 * with the Vazirmatn TTF from node_modules (Latin and Arabic glyphs, OFL), so Arabic labels are
 * shaped correctly on machines with no fonts installed (docs/architecture.md §7).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The bundled fonts, found through Node's resolver wherever npm put the package. */
export function fontFiles(): string[] {
  const dir = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');
  return [path.join(dir, 'Vazirmatn-Regular.ttf'), path.join(dir, 'Vazirmatn-Bold.ttf')];
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
/** Rendered at twice the size so it stays sharp on high-density screens. */
export const CHART_ZOOM = 2;

/** Okabe-Ito colours: distinguishable with the common forms of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

export interface LineChart {
  title: string;
  subtitle?: string;
  xLabels: string[];
  series: Array<{ label: string; values: number[]; color?: string }>;
  formatY(v: number): string;
  rtl?: boolean;
}

export const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** 1, 2, 2.5 or 5 times a power of ten, at or above v: round axis maxima. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function lineChartSvg(c: LineChart): string {
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const left = 74;
  const right = 24;
  const top = c.subtitle ? 62 : 48;
  const bottom = 52;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = Math.max(1, c.xLabels.length);
  const max = niceCeil(Math.max(0, ...c.series.flatMap((s) => s.values)));
  // Inset so the first and last date labels are not cut by the edges.
  const inset = 14;
  const x = (i: number) => left + inset + (n === 1 ? (plotW - 2 * inset) / 2 : (i * (plotW - 2 * inset)) / (n - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const anchorStart = c.rtl ? 'end' : 'start';
  const titleX = c.rtl ? W - right : left;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Vazirmatn">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${titleX}" y="26" font-size="16" font-weight="bold" fill="#1f2328" text-anchor="${anchorStart}">${escapeXml(c.title)}</text>`,
  ];
  if (c.subtitle) {
    parts.push(
      `<text x="${titleX}" y="45" font-size="11" fill="#57606a" text-anchor="${anchorStart}">${escapeXml(c.subtitle)}</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${yy}" y2="${yy}" stroke="#d0d7de" stroke-width="${k === 0 ? 1 : 0.5}"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="10" fill="#57606a" text-anchor="end">${escapeXml(c.formatY(v))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(n / 7));
  c.xLabels.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" font-size="10" fill="#57606a" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  });
  c.series.forEach((s, si) => {
    const color = s.color ?? PALETTE[si % PALETTE.length];
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>`);
    if (s.values.length <= 16) {
      for (const [i, v] of s.values.entries())
        parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    // Legend along the bottom edge, mirrored for right-to-left text.
    const lx = c.rtl ? W - right - 12 - si * 150 : left + si * 150;
    const ly = H - 6;
    parts.push(`<rect x="${lx}" y="${ly - 8}" width="12" height="4" fill="${color}"/>`);
    parts.push(
      `<text x="${c.rtl ? lx - 6 : lx + 18}" y="${ly - 3}" font-size="11" fill="#1f2328" text-anchor="${c.rtl ? 'end' : 'start'}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export function renderPng(svg: string, zoom: number = CHART_ZOOM): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'Vazirmatn' },
    background: '#ffffff',
  });
  return new Uint8Array(r.render().asPng());
}

/** Width and height from a PNG's IHDR chunk (bytes 16-23), to check what was rendered. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}
