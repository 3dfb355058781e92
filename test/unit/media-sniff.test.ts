import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/publishing/media/route.js';
import { sniff } from '../../src/publishing/media/sniff.js';
import { checkRules, type Draft } from '../../src/publishing/scheduler.js';
import { jpeg, mp4, pdf, png, zip } from '../helpers/media.js';

describe('what a file is, from its bytes', () => {
  it('reads the size of a JPEG, a PNG, a GIF and the three kinds of WebP', () => {
    expect(sniff(jpeg(1080, 1350))).toMatchObject({ mime: 'image/jpeg', kind: 'image', width: 1080, height: 1350 });
    expect(sniff(png(640, 480))).toMatchObject({ mime: 'image/png', width: 640, height: 480 });
    const gif = Buffer.from([...Buffer.from('GIF89a'), 0x40, 0x01, 0xf0, 0x00, 0, 0, 0]);
    expect(sniff(gif)).toMatchObject({ mime: 'image/gif', width: 320, height: 240 });
    const riff = (chunk: string, body: number[]) =>
      Buffer.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), ...Buffer.from(chunk), ...body]);
    // VP8X: chunk size, flags, reserved, then width-1 and height-1 as 24-bit little endian.
    const vp8x = riff('VP8X', [10, 0, 0, 0, 0, 0, 0, 0, 0x37, 0x04, 0, 0x45, 0x05, 0]);
    expect(sniff(vp8x)).toMatchObject({ mime: 'image/webp', width: 1080, height: 1350 });
    // VP8 (lossy): chunk size, frame tag, start code 9d 01 2a, then 14-bit width and height.
    const vp8 = riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]);
    expect(sniff(vp8)).toMatchObject({ width: 640, height: 480 });
    // VP8L (lossless): chunk size, signature 0x2f, then 14 bits each of width-1 and height-1.
    const w = 99;
    const h = 49;
    const bits = w | (h << 14);
    const vp8l = riff('VP8L', [0, 0, 0, 0, 0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]);
    expect(sniff(vp8l)).toMatchObject({ width: 100, height: 50 });
  });

  it('gives a phone photo stored sideways (EXIF orientation 5 to 8) its size as shown', () => {
    expect(sniff(jpeg(4032, 3024, 64, 6))).toMatchObject({ width: 3024, height: 4032 });
    expect(sniff(jpeg(4032, 3024, 64, 8))).toMatchObject({ width: 3024, height: 4032 });
    expect(sniff(jpeg(4032, 3024, 64, 3))).toMatchObject({ width: 4032, height: 3024 });
    expect(sniff(jpeg(4032, 3024, 64, 1))).toMatchObject({ width: 4032, height: 3024 });
  });

  it('reads an MP4 duration from mvhd and its picture size from the video track, and tells MOV apart', () => {
    expect(sniff(mp4(61_500, 1080, 1920))).toMatchObject({
      mime: 'video/mp4',
      kind: 'video',
      durationMs: 61_500,
      width: 1080,
      height: 1920,
    });
    expect(sniff(mp4(5000, 1280, 720, 'qt  '))).toMatchObject({ mime: 'video/quicktime', ext: 'mov' });
  });

  it('knows a PDF, and refuses what is none of these whatever it is called', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n%…'))).toMatchObject({ mime: 'application/pdf', kind: 'document' });
    // No page tree in sight (compressed object streams): no count rather than a wrong one.
    expect(sniff(Buffer.from('%PDF-1.7\n%…'))?.pages).toBeUndefined();
    expect(sniff(zip())).toBeUndefined();
    expect(sniff(Buffer.from('<html>sign in</html>'))).toBeUndefined();
    expect(sniff(Buffer.alloc(0))).toBeUndefined();
    // A truncated JPEG is still a JPEG, without a size rather than with a wrong one.
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ mime: 'image/jpeg', kind: 'image', ext: 'jpg' });
  });
});

describe('how many pages a PDF has', () => {
  it('reads the /Count of the page tree root, the largest of the /Pages nodes, else counts /Type /Page objects', () => {
    expect(sniff(pdf(12))?.pages).toBe(12);
    expect(sniff(pdf(301))?.pages).toBe(301);
    // A tree of two levels: the root counts every page, its kids only theirs.
    const tree = Buffer.from(
      '%PDF-1.5\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 7 >> endobj\n' +
        '2 0 obj << /Type /Pages /Parent 1 0 R /Kids [] /Count 4 >> endobj\n' +
        '3 0 obj << /Count 3 /Type /Pages /Parent 1 0 R /Kids [] >> endobj\n',
      'latin1',
    );
    expect(sniff(tree)?.pages).toBe(7);
    const loose = Buffer.from(
      '%PDF-1.4\n4 0 obj << /Type /Page /Resources << /Font << >> >> >> endobj\n5 0 obj << /Type/Page >> endobj',
      'latin1',
    );
    expect(sniff(loose)?.pages).toBe(2);
  });
});

describe('byte ranges', () => {
  it('reads the forms a client sends and refuses a range past the end', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(parseRange('bytes=900-', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=500-5000', 1000)).toEqual([500, 999]);
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeUndefined();
    expect(parseRange(undefined, 1000)).toBeUndefined();
  });
});

describe('file rules at scheduling time', () => {
  const at = new Date('2027-01-01T09:00:00Z');
  const file = (
    over: Partial<{ mime: string; bytes: number; width: number; height: number; durationMs: number; pages: number }>,
  ) => ({
    url: 'media:abcdefghijklmnopqrstuvwx',
    kind: (over.mime ?? 'image/jpeg').startsWith('video')
      ? ('video' as const)
      : over.mime === 'application/pdf'
        ? ('document' as const)
        : ('image' as const),
    file: { id: 'abcdefghijklmnopqrstuvwx', name: 'a', mime: 'image/jpeg', bytes: 1000, ...over },
  });
  const draft = (channel: Draft['channel'], media: Draft['media']): Draft => ({
    channel,
    content: 'Hello',
    title: 'A title',
    media,
    publishAt: at,
  });
  const kinds = (d: Draft, publicUrl = true) =>
    checkRules(d, undefined, { publicUrl }).map((p) => (p.kind === 'file' ? p.file.kind : p.kind));

  it('Instagram: JPEG between 4:5 and 1.91:1, up to 8 MB, at most 10 items, and a public address', () => {
    expect(kinds(draft('instagram', [file({ width: 1080, height: 1350 })]))).toEqual([]);
    expect(kinds(draft('instagram', [file({ width: 1080, height: 1920 })]))).toEqual(['aspect']);
    expect(kinds(draft('instagram', [file({ mime: 'image/png', width: 1080, height: 1080 })]))).toEqual(['fileType']);
    expect(kinds(draft('instagram', [file({ bytes: 9 * 1024 * 1024, width: 10, height: 10 })]))).toEqual([
      'fileTooLarge',
    ]);
    expect(
      kinds(
        draft(
          'instagram',
          Array.from({ length: 11 }, () => file({})),
        ),
      ),
    ).toEqual(['tooManyItems']);
    expect(kinds(draft('instagram', [file({})]), false)).toEqual(['needsPublicUrl']);
    expect(kinds(draft('instagram', [file({ mime: 'video/mp4', durationMs: 2000 })]))).toEqual(['videoTooShort']);
  });

  it('X: at most 4 images of 5 MB; TikTok: one video of at most 10 minutes; a pasted URL is checked for count only', () => {
    expect(
      kinds(
        draft(
          'x',
          Array.from({ length: 5 }, () => file({ mime: 'image/png' })),
        ),
      ),
    ).toEqual(['tooManyItems']);
    expect(kinds(draft('x', [file({ mime: 'image/png', bytes: 6 * 1024 * 1024 })]))).toEqual(['fileTooLarge']);
    expect(kinds(draft('x', [file({})]), false)).toEqual([]);
    expect(kinds(draft('tiktok', [file({ mime: 'video/mp4', durationMs: 11 * 60_000 })]))).toEqual(['videoTooLong']);
    expect(kinds(draft('x', [{ url: 'https://cdn.example.com/a.png', kind: 'image' }]))).toEqual([]);
  });

  it('X: one video alone, 140 seconds at most; LinkedIn: one PDF alone, 100 MB and 300 pages; TikTok: JPEG or WebP photos, 35 at most', () => {
    const clip = file({ mime: 'video/mp4', durationMs: 30_000 });
    expect(kinds(draft('x', [clip]))).toEqual([]);
    expect(kinds(draft('x', [clip, file({})]))).toEqual(['alone']);
    expect(kinds(draft('x', [file({ mime: 'video/mp4', durationMs: 141_000 })]))).toEqual(['videoTooLong']);
    const deck = file({ mime: 'application/pdf', pages: 12 });
    expect(kinds(draft('linkedin', [deck]))).toEqual([]);
    expect(kinds(draft('linkedin', [deck, file({})]))).toEqual(['alone']);
    expect(kinds(draft('linkedin', [file({ mime: 'application/pdf', pages: 301 })]))).toEqual(['tooManyPages']);
    expect(kinds(draft('linkedin', [file({ mime: 'application/pdf', bytes: 101 * 1024 * 1024 })]))).toEqual([
      'fileTooLarge',
    ]);
    expect(kinds(draft('linkedin', [file({ mime: 'video/mp4', durationMs: 5000 })]))).toEqual(['mediaKind']);
    // A document goes to LinkedIn only, a pasted .pdf link included.
    expect(kinds(draft('x', [deck]))).toEqual(['mediaKind']);
    expect(kinds(draft('instagram', [{ url: 'https://cdn.example.com/deck.pdf', kind: 'document' }]))).toEqual([
      'mediaKind',
    ]);
    expect(kinds(draft('tiktok', [file({}), file({ mime: 'image/webp' })]))).toEqual([]);
    expect(kinds(draft('tiktok', [file({ mime: 'image/png' })]))).toEqual(['fileType']);
    expect(
      kinds(
        draft(
          'tiktok',
          Array.from({ length: 36 }, () => file({})),
        ),
      ),
    ).toEqual(['tooManyItems']);
    expect(kinds(draft('tiktok', [clip, file({})]))).toEqual(['alone']);
  });

  it('Mailchimp: pictures only, and a picture from chat needs a public address (readers load it from there)', () => {
    expect(kinds(draft('mailchimp', [file({})]))).toEqual([]);
    // Without PUBLIC_URL the email would point at "media:<id>", which no mail program can load.
    expect(kinds(draft('mailchimp', [file({})]), false)).toEqual(['needsPublicUrl']);
    expect(kinds(draft('mailchimp', [{ url: 'https://cdn.example.com/a.png', kind: 'image' }]), false)).toEqual([]);
    // The campaign body has no place for a video: it would be left out without a word.
    expect(kinds(draft('mailchimp', [{ url: 'https://cdn.example.com/a.mp4', kind: 'video' }]))).toEqual(['mediaKind']);
  });
});
