/**
 * A draft as /draft keeps it (with its audit entry) for /schedule to publish exactly as written: the
 * Schedule this button and `/schedule ... draft:N` read it back, checked, never trusted as stored.
 * A draft for several networks keeps one post per network.
 */
import { z } from 'zod';
import type { Context } from '../../src/core/context.js';
import { DRAFT_CHANNELS } from '../../src/publishing/drafts/channels.js';

export const storedPost = z.object({
  channel: z.enum(DRAFT_CHANNELS),
  text: z.string().max(70_000),
  title: z.string().max(200).optional(),
  subject: z.string().max(200).optional(),
  preview: z.string().max(200).optional(),
});
export type StoredPost = z.infer<typeof storedPost>;

/** One network's draft, or several (`posts`), as kept in the `draft.create` audit entry. */
export const storedDraft = z.union([storedPost, z.object({ posts: z.array(storedPost).min(1).max(10) })]);
export type StoredDraft = z.infer<typeof storedDraft>;

/** The posts of draft `id` in the caller's workspace; undefined when there is no such draft. */
export async function loadDraft(ctx: Context, id: number): Promise<StoredPost[] | undefined> {
  // Scoped to the caller's workspace: an id from another workspace finds nothing.
  const parsed = storedDraft.safeParse(await ctx.services.audit.details(ctx.workspace.id, id, 'draft.create'));
  if (!parsed.success) return undefined;
  return 'posts' in parsed.data ? parsed.data.posts : [parsed.data];
}

/**
 * The single-line command that schedules a kept draft, for surfaces without forms (the console): the
 * draft's text stays in the database, so nothing multi-line is ever pasted back.
 */
export function scheduleDraftLine(id: number, post: Pick<StoredPost, 'channel'> | undefined, media: boolean): string {
  const channel = post ? ` channel:${post.channel}` : '';
  return `/schedule${channel} when:"tomorrow 9am" draft:${id}${media ? ' media:https://…' : ''}`;
}
