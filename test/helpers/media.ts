/**
 * Small files with real headers for the media tests: a JPEG's start-of-frame, a PNG's IHDR, an MP4's
 * ftyp/moov/mvhd/trak/tkhd boxes. Only the headers are real (nothing here decodes to a picture);
 * that is all the bot and the fakes read.
 */
import { createServer } from 'node:net';

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * A baseline JPEG header (SOI, APP0 JFIF, SOF0 with the size as stored, EOI), padded to `pad` bytes of
 * scan data; with `orientation`, an APP1 Exif segment (big-endian TIFF, IFD0 with tag 0x0112) first.
 */
export function jpeg(width: number, height: number, pad = 64, orientation?: number): Buffer {
  const tiff = [
    ...text('MM'),
    0,
    42,
    ...u32(8),
    ...u16(1),
    ...u16(0x0112),
    ...u16(3),
    ...u32(1),
    ...u16(orientation ?? 1),
    0,
    0,
    ...u32(0),
  ];
  const exif =
    orientation === undefined ? [] : [0xff, 0xe1, ...u16(2 + 6 + tiff.length), ...text('Exif'), 0, 0, ...tiff];
  const app0 = [...exif, 0xff, 0xe0, ...u16(16), ...text('JFIF'), 0, 1, 1, 0, ...u16(1), ...u16(1), 0, 0];
  const sof0 = [0xff, 0xc0, ...u16(17), 8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const sos = [0xff, 0xda, ...u16(12), 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, ...sos, ...new Array(pad).fill(0x55), 0xff, 0xd9]);
}

export function png(width: number, height: number): Buffer {
  const ihdr = [...u32(13), ...text('IHDR'), ...u32(width), ...u32(height), 8, 2, 0, 0, 0, ...u32(0)];
  const iend = [...u32(0), ...text('IEND'), ...u32(0)];
  return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...iend]);
}

function box(type: string, content: number[]): number[] {
  return [...u32(8 + content.length), ...text(type), ...content];
}

/** An MP4 of `durationMs` padded with media data to `bytes` in all (for chunked uploads). */
export function mp4Sized(durationMs: number, bytes: number): Buffer {
  const small = mp4(durationMs);
  // ftyp is 24 bytes, the small mdat 264: the moov box follows them.
  const [ftyp, moov] = [small.subarray(0, 24), small.subarray(24 + 264)];
  const data = bytes - ftyp.length - moov.length - 8;
  const mdat = Buffer.concat([Buffer.from([...u32(data + 8), ...text('mdat')]), Buffer.alloc(data, 7)]);
  return Buffer.concat([ftyp, mdat, moov]);
}

/** An MP4 (or MOV with brand `qt  `) whose mvhd says `durationMs` and whose video tkhd says the size. */
export function mp4(durationMs: number, width = 1080, height = 1920, brand = 'isom'): Buffer {
  const ftyp = box('ftyp', [...text(brand), ...u32(512), ...text(brand), ...text('mp41')]);
  // mvhd v0: version+flags, creation, modification, timescale, duration, then rate, volume, matrix…
  const mvhd = box('mvhd', [
    ...u32(0),
    ...u32(0),
    ...u32(0),
    ...u32(1000),
    ...u32(durationMs),
    ...new Array(80).fill(0),
  ]);
  // tkhd v0: version+flags, creation, modification, track id, reserved, duration, reserved(8), layer,
  // alternate group, volume, reserved, matrix(36), width and height as 16.16 fixed point.
  const tkhd = box('tkhd', [
    ...u32(3),
    ...u32(0),
    ...u32(0),
    ...u32(1),
    ...u32(0),
    ...u32(durationMs),
    ...new Array(8).fill(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...new Array(36).fill(0),
    ...u32(width * 65536),
    ...u32(height * 65536),
  ]);
  const moov = box('moov', [...mvhd, ...box('trak', tkhd)]);
  return Buffer.from([...ftyp, ...box('mdat', new Array(256).fill(7)), ...moov]);
}

/** A ZIP archive's first bytes: what a renamed file may really be. */
/**
 * A PDF of `pages` blank pages with a plain (uncompressed) page tree: a catalog, one `/Type /Pages`
 * root with `/Count`, and the page objects; enough for the page count and for LinkedIn's fake.
 */
export function pdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj',
    `2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj`,
    ...Array.from(
      { length: pages },
      (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj`,
    ),
  ];
  return Buffer.from(`%PDF-1.4\n${objects.join('\n')}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export const zip = (): Buffer => Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(1)]);

/** A TCP port free right now, for an app whose PUBLIC_URL must name its own port before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
