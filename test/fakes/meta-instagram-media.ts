/**
 * Instagram container creation for the Meta Graph fake (`POST /{ig-user}/media`), following the
 * content publishing reference: a single image (`image_url`) or Reel (`media_type=REELS`,
 * `video_url`); carousel items (`is_carousel_item=true`, `media_type=VIDEO` for a video); and a
 * carousel (`media_type=CAROUSEL`, `children` = 2 to 10 comma-separated item container ids of the
 * same account, each FINISHED). Like Meta, it downloads `image_url` itself (on 127.0.0.1; a host a
 * test cannot reach, such as cdn.example.com, stands for a valid JPEG) and refuses what Meta
 * refuses, with Meta's codes: a download that fails (9004/2207052), an image over 8 MiB
 * (36000/2207004), a format other than JPEG (36001/2207005), an aspect ratio outside 4:5–1.91:1
 * (36003/2207009). Its checks are its own small readers, not the bot's (test/fakes must not agree
 * with the code under test by construction).
 */
import type { FakeResponse } from './server.js';

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface IgContainer {
  id: string;
  igUserId: string;
  status: ContainerStatus;
  pollsLeft: number;
  caption?: string;
  mediaId?: string;
  carouselItem?: boolean;
  children?: string[];
  /** What Meta fetched: the URL and its bytes' first marker, for assertions. */
  source?: { url: string; bytes: number; contentType: string };
}

type Err = (status: number, code: number, message: string, subcode?: number) => FakeResponse;

const MIB = 1024 * 1024;

export async function createIgContainer(
  node: string,
  p: URLSearchParams,
  o: {
    id: () => string;
    err: Err;
    containers: Map<string, IgContainer>;
    videoPolls: number;
    nextStatus: ContainerStatus | undefined;
  },
): Promise<FakeResponse> {
  const type = p.get('media_type');
  const carouselItem = p.get('is_carousel_item') === 'true';
  if (type === 'CAROUSEL') {
    const children = (p.get('children') ?? '').split(',').filter(Boolean);
    if (children.length < 2 || children.length > 10) {
      return o.err(400, 100, '(#100) The carousel must have between 2 and 10 children.', 2207028);
    }
    for (const child of children) {
      const c = o.containers.get(child);
      if (!c || c.igUserId !== node || !c.carouselItem) return o.err(400, 24, 'Media cannot be found.', 2207006);
      if (c.status !== 'FINISHED') return o.err(400, 9007, 'Media ID is not available', 2207027);
    }
    return made(o, { igUserId: node, status: 'FINISHED', pollsLeft: 1, caption: p.get('caption') ?? '', children });
  }
  if (carouselItem && p.get('caption')) return o.err(400, 100, '(#100) Carousel items cannot have a caption.');
  const isVideo = type === 'REELS' || type === 'VIDEO';
  if (type === 'VIDEO' && !carouselItem) {
    return o.err(400, 100, '(#100) The VIDEO media type is only for carousel items: use REELS.');
  }
  if (isVideo ? !p.get('video_url') : !p.get('image_url')) {
    return o.err(400, 100, `The parameter ${isVideo ? 'video_url' : 'image_url'} is required.`);
  }
  const base = { igUserId: node, caption: p.get('caption') ?? '', ...(carouselItem ? { carouselItem } : {}) };
  if (isVideo) return made(o, { ...base, status: 'IN_PROGRESS', pollsLeft: o.videoPolls });
  const url = p.get('image_url') ?? '';
  // Older tests name images on hosts a test cannot reach (cdn.example.com): taken as valid JPEGs.
  if (!isLocal(url)) return made(o, { ...base, status: o.nextStatus ? 'IN_PROGRESS' : 'FINISHED', pollsLeft: 1 });
  let bytes: Uint8Array;
  let contentType: string;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(String(res.status));
    contentType = res.headers.get('content-type') ?? '';
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch {
    return o.err(400, 9004, "Media download has failed. The media URI doesn't meet our requirements.", 2207052);
  }
  if (bytes.length > 8 * MIB) return o.err(400, 36000, 'The image size is too large.', 2207004);
  const size = jpegPicture(bytes);
  if (!size) return o.err(400, 36001, 'The image format is not supported.', 2207005);
  const ratio = size.width / size.height;
  if (ratio < 0.8 - 0.005 || ratio > 1.91 + 0.005) {
    return o.err(400, 36003, 'The aspect ratio is not supported.', 2207009);
  }
  return made(o, {
    ...base,
    status: o.nextStatus ? 'IN_PROGRESS' : 'FINISHED',
    pollsLeft: 1,
    source: { url, bytes: bytes.length, contentType },
  });
}

function made(o: { id: () => string; containers: Map<string, IgContainer> }, c: Omit<IgContainer, 'id'>): FakeResponse {
  const container = { id: o.id(), ...c };
  o.containers.set(container.id, container);
  return { status: 200, body: { id: container.id } };
}

function isLocal(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A JPEG's size from its first SOFn segment; undefined when it is not a JPEG. */
function jpegPicture(b: Uint8Array): { width: number; height: number } | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length && b[i] === 0xff) {
    const marker = b[i + 1] ?? 0;
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0), width: ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0) };
    }
    i += 2 + length;
  }
  return undefined;
}
