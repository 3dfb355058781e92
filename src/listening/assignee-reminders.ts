/**
 * "Still unanswered" reminders: an assigned alert that is still open and unanswered once its
 * assignee's time limit (Workspace.assigneeMinutes since Comment.assignedAt) has passed reminds its
 * assignee, by mention in the alerts channel, once a day while it stays so. "Once" rests on the
 * database as escalation does: each reminder is claimed under a key (comment, assignment, day number)
 * before it is posted, so replicas and restarts never send the same day's reminder twice.
 */

import type { Notifier } from '../core/notifier.js';
import { context } from '../core/reply.js';
import type { Db } from '../db/client.js';
import { claimOnce } from '../db/processed-events.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { personOf } from '../workspace/job-roles.js';
import { alertMessages, platformName, renderAlert } from './alert-message.js';
import type { CommentService } from './comments.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class AssigneeReminders {
  constructor(
    private readonly deps: { db: Db; clock: Clock; notifier: Notifier; comments: CommentService; log: Logger },
  ) {}

  /** Posts the reminders due now; returns how many went out. */
  async run(): Promise<number> {
    const { db, clock, notifier, comments, log } = this.deps;
    const now = clock.now();
    const waiting = {
      status: { in: ['new', 'escalated'] },
      alertedAt: { not: null },
      assignedTo: { not: null },
      assignedAt: { not: null },
      repliedAt: null,
    };
    let sent = 0;
    for (const workspace of await comments.workspacesWith(waiting)) {
      const limitMs = workspace.assigneeMinutes * 60_000;
      const due = await db.comment.findMany({
        where: { ...waiting, workspaceId: workspace.id, assignedAt: { lte: new Date(now.getTime() - limitMs) } },
        orderBy: { assignedAt: 'asc' },
        take: 100,
      });
      for (const c of due) {
        if (!c.assignedAt || !c.assignedTo) continue;
        // Day 0 starts when the limit passes; a new assignment starts its own days.
        const day = Math.floor((now.getTime() - c.assignedAt.getTime() - limitMs) / DAY_MS);
        if (!(await claimOnce(db, `alerts.remind:${c.id}:${c.assignedAt.getTime()}:${day}`))) continue;
        try {
          const view = await comments.describe(workspace, c);
          const t = alertMessages[view.locale];
          const assignee = await db.member.findUnique({
            where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: c.assignedTo } },
          });
          const r = renderAlert(view);
          await notifier.post(workspace, 'alerts', {
            ...r,
            title: t.reminderTitle({
              id: c.id,
              platform: platformName(c.provider, view.locale),
              minutes: workspace.assigneeMinutes,
            }),
            blocks: [...r.blocks, context(t.reminderNote({ id: c.id }))],
            mention: [assignee ? personOf(assignee) : { id: c.assignedTo, name: c.assignedTo }],
          });
          sent++;
        } catch (err) {
          // At most once a day: the day's claim stays, the next day's reminder tries again.
          log.error({ err, commentId: c.id }, 'assignee reminder could not be posted');
        }
      }
    }
    return sent;
  }
}
