/** The posts a calendar period shows, counted into its grid (picture.ts). */
import type { ScheduledPost } from '@prisma/client';
import type { Db } from '../../db/client.js';
import { CALENDAR_STATUSES, type CalendarGrid, type CalendarSpan, calendarGrid, calendarPeriod } from './picture.js';

export class CalendarService {
  constructor(private readonly db: Db) {}

  /** The week or month around `now` in `zone`: every post of it, not only the next 200. */
  async grid(workspaceId: number, now: Date, zone: string, span: CalendarSpan): Promise<CalendarGrid> {
    const { first, last } = calendarPeriod(now, zone, span);
    const posts = await this.db.scheduledPost.findMany({
      where: {
        workspaceId,
        status: { in: CALENDAR_STATUSES },
        publishAt: { gte: first.toJSDate(), lt: last.plus({ days: 1 }).toJSDate() },
      },
      select: { channel: true, status: true, publishAt: true },
    });
    return calendarGrid(posts, now, zone, span);
  }

  /** Posts waiting for a manager's approval, soonest first (at most `limit`), and how many wait in all. */
  async awaitingApproval(workspaceId: number, limit: number): Promise<{ posts: ScheduledPost[]; total: number }> {
    const where = { workspaceId, status: 'awaiting_approval' };
    const [posts, total] = await Promise.all([
      this.db.scheduledPost.findMany({ where, orderBy: [{ publishAt: 'asc' }, { id: 'asc' }], take: limit }),
      this.db.scheduledPost.count({ where }),
    ]);
    return { posts, total };
  }
}
