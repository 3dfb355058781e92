import type { Workspace } from '@prisma/client';
import type { z } from 'zod';
import { PLATFORMS } from '../../core/identity.js';
import { storable } from '../../lib/text.js';
import type { Services } from '../../services.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Invalid UTF-8 is refused rather than silently turned into replacement characters and stored.
 * Every string value in the body comes out storable (`src/lib/text.ts`): a NUL escaped in
 * JSON would otherwise fail its row on PostgreSQL, and with it every redelivery.
 */
export function parseJson(body: Buffer): Result<unknown> {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return { ok: false, error: 'body is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text, (_key, v) => (typeof v === 'string' ? storable(v) : v)) };
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
}

/** zod issues as `path: message` lines a sender can act on (values are not echoed). */
export function problems(err: z.ZodError): string[] {
  return err.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
}

/** `platform:externalId` of an existing workspace, or the console workspace when absent. */
export async function resolveWorkspaceParam(services: Services, param: string | null): Promise<Result<Workspace>> {
  if (param === null || param.trim() === '') return { ok: true, value: await services.comments.consoleWorkspace() };
  const m = /^([a-z]+):(.{1,100})$/.exec(param.trim());
  if (!m || !(PLATFORMS as readonly string[]).includes(m[1] as string)) {
    return { ok: false, error: 'workspace must be platform:externalId, e.g. slack:T0123 or discord:1234' };
  }
  const w = await services.comments.workspaceNamed(m[1] as string, m[2] as string);
  return w ? { ok: true, value: w } : { ok: false, error: 'unknown workspace' };
}
