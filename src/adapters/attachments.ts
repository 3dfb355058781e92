/**
 * Downloading a file a platform holds for us (a Slack file share, a Discord attachment): the URL
 * comes from the platform's own signed payload, not from a person, so it is fetched directly, with
 * a byte limit enforced while reading and a time limit. The platform's token, when one is needed,
 * is sent in a header and never leaves this module's caller.
 */
import { AttachmentError } from '../core/identity.js';

export const ATTACHMENT_TIMEOUT_MS = 120_000;

export async function download(
  url: string,
  maxBytes: number,
  o: { headers?: Record<string, string>; timeoutMs?: number; htmlIsRefusal?: boolean } = {},
): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), o.timeoutMs ?? ATTACHMENT_TIMEOUT_MS);
  try {
    const res = await fetch(url, { ...(o.headers ? { headers: o.headers } : {}), signal: controller.signal });
    if (!res.ok || !res.body) throw new AttachmentError('unreachable', `the file answered ${res.status}`);
    // Slack answers a request without files:read with its sign-in page and a 200.
    if (o.htmlIsRefusal && (res.headers.get('content-type') ?? '').startsWith('text/html')) {
      await res.body.cancel();
      throw new AttachmentError('no_permission', 'a sign-in page came back instead of the file');
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await res.body.cancel();
      throw new AttachmentError('too_large', `the file is ${declared} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > maxBytes) {
        controller.abort();
        throw new AttachmentError('too_large', `the file is over ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof AttachmentError) throw err;
    throw new AttachmentError(
      'unreachable',
      controller.signal.aborted ? 'the download timed out' : 'the download failed',
    );
  } finally {
    clearTimeout(timer);
  }
}
