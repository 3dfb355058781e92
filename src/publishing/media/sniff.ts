/**
 * What a file is, read from its first bytes (its "magic"), never from its name: a photo renamed
 * `offer.jpg` that is really a ZIP is refused. For images the width and height come from the
 * header (PNG IHDR, JPEG start-of-frame, GIF screen descriptor, WebP VP8/VP8L/VP8X); for MP4 and
 * MOV the duration comes from the `mvhd` box and the picture size from the video track's `tkhd`.
 * Small readers of our own: the formats are stable and no dependency is needed for a few fields.
 */

export type MediaKind = 'image' | 'video' | 'document';

export interface Sniffed {
  mime: string;
  kind: MediaKind;
  /** The file name ending that matches the type (for the stored file, not trusted from the upload). */
  ext: string;
  width?: number;
  height?: number;
  durationMs?: number;
  /** A PDF's page count, when its page tree is readable (not inside a compressed object stream). */
  pages?: number;
}

/** The types of picture, video and document the bot keeps for posts. */
export const PUBLISHABLE_TYPES = ['JPEG', 'PNG', 'GIF', 'WebP', 'MP4', 'MOV', 'PDF'] as const;

export function sniff(b: Uint8Array): Sniffed | undefined {
  if (starts(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image', ext: 'jpg', ...jpegSize(b) };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { mime: 'image/png', kind: 'image', ext: 'png', ...size(be32(b, 16), be32(b, 20)) };
  }
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    return { mime: 'image/gif', kind: 'image', ext: 'gif', ...size(le16(b, 6), le16(b, 8)) };
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    return { mime: 'image/webp', kind: 'image', ext: 'webp', ...webpSize(b) };
  }
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    const mov = brand === 'qt  ';
    return {
      mime: mov ? 'video/quicktime' : 'video/mp4',
      kind: 'video',
      ext: mov ? 'mov' : 'mp4',
      ...movieFacts(b),
    };
  }
  if (ascii(b, 0, 5) === '%PDF-') {
    const pages = pdfPages(b);
    return { mime: 'application/pdf', kind: 'document', ext: 'pdf', ...(pages ? { pages } : {}) };
  }
  return undefined;
}

function starts(b: Uint8Array, sig: readonly number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  if (b.length < to) return '';
  return String.fromCharCode(...b.subarray(from, to));
}

const be16 = (b: Uint8Array, o: number) => (o + 2 <= b.length ? ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0) : 0);
const le16 = (b: Uint8Array, o: number) => (o + 2 <= b.length ? (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) : 0);
const le24 = (b: Uint8Array, o: number) => (o + 3 <= b.length ? le16(b, o) | ((b[o + 2] ?? 0) << 16) : 0);
const be32 = (b: Uint8Array, o: number) => (o + 4 <= b.length ? be16(b, o) * 65536 + be16(b, o + 2) : 0);
const be64 = (b: Uint8Array, o: number) => be32(b, o) * 2 ** 32 + be32(b, o + 4);

/** Both sides, or nothing (a header too short to read is not a picture of 0 by 0). */
function size(width: number, height: number): { width?: number; height?: number } {
  return width > 0 && height > 0 ? { width, height } : {};
}

/**
 * The first start-of-frame marker (SOF0–SOF15, less DHT C4, JPG C8 and DAC CC) holds height then
 * width. A phone photo is often stored sideways with an EXIF orientation of 5 to 8 that turns it for
 * display: its size is then given as shown (width and height swapped), since that is what a network
 * measures for its aspect ratio.
 */
function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  let o = 2;
  let turned = false;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return {};
    const marker = b[o + 1] ?? 0;
    // Fill bytes and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      o += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const [height, width] = [be16(b, o + 5), be16(b, o + 7)];
      return turned ? size(height, width) : size(width, height);
    }
    if (marker === 0xe1 && ascii(b, o + 4, o + 10) === 'Exif\0\0') {
      const orientation = exifOrientation(b, o + 10);
      turned = orientation !== undefined && orientation >= 5 && orientation <= 8;
    }
    const length = be16(b, o + 2);
    if (length < 2) return {};
    o += 2 + length;
  }
  return {};
}

/** Tag 0x0112 of IFD0 in the TIFF structure that starts at `t` (II little-endian or MM big-endian). */
function exifOrientation(b: Uint8Array, t: number): number | undefined {
  const little = ascii(b, t, t + 2) === 'II';
  if (!little && ascii(b, t, t + 2) !== 'MM') return undefined;
  const u16 = (o: number) => (little ? le16(b, o) : be16(b, o));
  const u32 = (o: number) => (little ? le16(b, o) + le16(b, o + 2) * 65536 : be32(b, o));
  const ifd = t + u32(t + 4);
  const entries = u16(ifd);
  for (let i = 0; i < entries && i < 64; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > b.length) return undefined;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ') return size(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const [b0, b1, b2, b3] = [b[21] ?? 0, b[22] ?? 0, b[23] ?? 0, b[24] ?? 0];
    return size(1 + (((b1 & 0x3f) << 8) | b0), 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)));
  }
  if (chunk === 'VP8X') return size(1 + le24(b, 24), 1 + le24(b, 27));
  return {};
}

interface Box {
  type: string;
  /** Where the box's content starts (after its header) and where the box ends. */
  start: number;
  end: number;
}

/** The boxes directly inside [from, to): size, type, content; a 64-bit size when the size says 1. */
function boxes(b: Uint8Array, from: number, to: number): Box[] {
  const out: Box[] = [];
  let o = from;
  while (o + 8 <= to) {
    let length = be32(b, o);
    let header = 8;
    if (length === 1) {
      length = be64(b, o + 8);
      header = 16;
    } else if (length === 0) length = to - o;
    if (length < header || o + length > to) break;
    out.push({ type: ascii(b, o + 4, o + 8), start: o + header, end: o + length });
    o += length;
  }
  return out;
}

/** Duration from `moov/mvhd`; picture size from the first `moov/trak/tkhd` with a width (the video track). */
function movieFacts(b: Uint8Array): { width?: number; height?: number; durationMs?: number } {
  const moov = boxes(b, 0, b.length).find((x) => x.type === 'moov');
  if (!moov) return {};
  const inside = boxes(b, moov.start, moov.end);
  const facts: { width?: number; height?: number; durationMs?: number } = {};
  const mvhd = inside.find((x) => x.type === 'mvhd');
  if (mvhd) {
    const v1 = b[mvhd.start] === 1;
    const timescale = be32(b, mvhd.start + (v1 ? 20 : 12));
    const duration = v1 ? be64(b, mvhd.start + 24) : be32(b, mvhd.start + 16);
    if (timescale > 0) facts.durationMs = Math.round((duration / timescale) * 1000);
  }
  for (const trak of inside.filter((x) => x.type === 'trak')) {
    const tkhd = boxes(b, trak.start, trak.end).find((x) => x.type === 'tkhd');
    if (!tkhd) continue;
    const at = tkhd.start + (b[tkhd.start] === 1 ? 88 : 76);
    // 16.16 fixed point; an audio track's is 0.
    const picture = size(Math.round(be32(b, at) / 65536), Math.round(be32(b, at + 4) / 65536));
    if (picture.width) return { ...facts, ...picture };
  }
  return facts;
}

/**
 * A PDF's page count: the root of the page tree is the `/Type /Pages` node whose `/Count` covers
 * every page, so the largest such count is the document's. A PDF that keeps its objects in
 * compressed streams hides them; we then say nothing rather than guess (the network checks).
 */
function pdfPages(b: Uint8Array): number | undefined {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  let most = 0;
  for (const m of text.matchAll(/<<(?:(?!<<|>>)[\s\S]){0,2000}?\/Type\s*\/Pages\b(?:(?!<<|>>)[\s\S]){0,2000}?>>/g)) {
    const n = Number(m[0].match(/\/Count\s+(\d+)/)?.[1] ?? 0);
    if (n > most) most = n;
  }
  // No readable tree root: the page objects themselves, when they are in plain sight.
  if (most === 0) most = [...text.matchAll(/\/Type\s*\/Page\b/g)].length;
  return most > 0 ? most : undefined;
}
