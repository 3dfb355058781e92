/**
 * The team's posting slots per channel (Workspace.postingSlots: channel -> [{weekday, time}], local
 * wall-clock times in the workspace's zone), set with /schedule slots, and "next slot": the first
 * slot ahead with no post on that channel near it.
 */
import type { Workspace } from '@prisma/client';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { occurrences } from './recurrence.js';

export const SlotSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type Slot = z.infer<typeof SlotSchema>;
export const PostingSlotsSchema = z.record(z.string(), z.array(SlotSchema));
export type PostingSlots = z.infer<typeof PostingSlotsSchema>;

/** A slot is taken when a post on its channel is this close to it, either side. */
export const TAKEN_WITHIN_MINUTES = 30;
/** How far ahead a free slot is looked for. */
export const SLOT_SEARCH_WEEKS = 8;

/** The stored slots; a value that does not parse (edited by hand) reads as none rather than failing every post. */
export function slotsOf(ws: Pick<Workspace, 'postingSlots'>): PostingSlots {
  const parsed = PostingSlotsSchema.safeParse(ws.postingSlots ?? {});
  return parsed.success ? parsed.data : {};
}

const order = (a: Slot, b: Slot) => a.weekday - b.weekday || a.time.localeCompare(b.time);

/** `slots` with `weekdays` at `time` added on `channel` (a slot already there is not repeated). */
export function addSlots(
  slots: PostingSlots,
  channel: string,
  weekdays: readonly number[],
  time: string,
): PostingSlots {
  const mine = [...(slots[channel] ?? [])];
  for (const weekday of weekdays) {
    if (!mine.some((s) => s.weekday === weekday && s.time === time)) mine.push({ weekday, time });
  }
  return { ...slots, [channel]: mine.sort(order) };
}

/** `slots` without `channel`'s. */
export function withoutChannel(slots: PostingSlots, channel: string): PostingSlots {
  const { [channel]: _gone, ...rest } = slots;
  return rest;
}

/** Every slot instant of `slots` after `now`, within the search window, in order. */
export function slotTimes(slots: readonly Slot[], zone: string, now: Date): Date[] {
  const to = new Date(now.getTime() + SLOT_SEARCH_WEEKS * 7 * 86_400_000);
  const byTime = new Map<string, number[]>();
  for (const s of slots) byTime.set(s.time, [...(byTime.get(s.time) ?? []), s.weekday]);
  const times = [...byTime].flatMap(([time, weekdays]) =>
    occurrences({ weekdays, time, every: 1, anchor: '2000-01-03' }, zone, now, to, 1000),
  );
  return times.sort((a, b) => a.getTime() - b.getTime());
}

export class SlotService {
  constructor(private readonly db: Db) {}

  /** The first of `slots` after `now` with no live post on `channel` within TAKEN_WITHIN_MINUTES; null when all are taken. */
  async nextFree(
    workspaceId: number,
    channel: string,
    slots: readonly Slot[],
    zone: string,
    now: Date,
  ): Promise<Date | null> {
    const times = slotTimes(slots, zone, now);
    const last = times.at(-1);
    if (!last) return null;
    const margin = TAKEN_WITHIN_MINUTES * 60_000;
    const taken = await this.db.scheduledPost.findMany({
      where: {
        workspaceId,
        channel,
        status: { notIn: ['cancelled', 'failed'] },
        publishAt: { gte: new Date(now.getTime() - margin), lte: new Date(last.getTime() + margin) },
      },
      select: { publishAt: true },
    });
    return times.find((t) => !taken.some((p) => Math.abs(p.publishAt.getTime() - t.getTime()) < margin)) ?? null;
  }
}
