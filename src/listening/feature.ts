/**
 * Listening: comment webhooks in, alerts out, escalation, alert retries and review summaries as
 * jobs, and polling of the connected accounts. Endpoints whose secret is not configured are not registered (they answer 404).
 */
import type { Feature } from '../feature.js';
import { AssigneeReminders } from './assignee-reminders.js';
import { PollBudget } from './poll-budget.js';
import { CommentPoller } from './polling.js';
import { handleCommentPush } from './webhooks/comments.js';
import { handleMetaEvent, handleMetaVerify } from './webhooks/meta.js';

export const ESCALATION_JOB = 'alerts.escalate';
export const RETRY_JOB = 'alerts.retry';
/** Every minute: "still unanswered" reminders to assignees, each claimed once a day (assignee-reminders.ts). */
export const REMINDER_JOB = 'alerts.remind';
/** Every minute: posts each workspace's review summary once its interval (reviewSummaryMinutes) has passed. */
export const REVIEW_SUMMARY_JOB = 'alerts.review-summary';
/** Every two minutes: the poll interval is the alert delay for comments no webhook delivers. */
export const COMMENT_POLL_JOB = 'comments.poll';

export const listening: Feature = {
  name: 'listening',
  register({ services, http, jobs, log }) {
    const { WEBHOOK_SECRET, META_VERIFY_TOKEN, META_APP_SECRET } = services.config;
    if (WEBHOOK_SECRET)
      http.route('POST', '/webhooks/comments', (req) => handleCommentPush(services, req, WEBHOOK_SECRET));
    if (META_VERIFY_TOKEN) http.route('GET', '/webhooks/meta', (req) => handleMetaVerify(req, META_VERIFY_TOKEN));
    if (META_APP_SECRET) http.route('POST', '/webhooks/meta', (req) => handleMetaEvent(services, req, META_APP_SECRET));
    jobs.add({
      name: ESCALATION_JOB,
      schedule: '*/30 * * * * *',
      run: async () => {
        await services.comments.escalateOverdue();
      },
    });
    jobs.add({
      name: RETRY_JOB,
      schedule: '15 * * * * *',
      run: async () => {
        await services.comments.retryMissedAlerts();
      },
    });
    const reminders = new AssigneeReminders({
      db: services.db,
      clock: services.clock,
      notifier: services.notifier,
      comments: services.comments,
      log,
    });
    jobs.add({
      name: REMINDER_JOB,
      schedule: '45 * * * * *',
      run: async () => {
        await reminders.run();
      },
    });
    jobs.add({
      name: REVIEW_SUMMARY_JOB,
      schedule: '45 * * * * *',
      run: async () => {
        await services.comments.reviews.runDue();
      },
    });
    const poller = new CommentPoller({
      db: services.db,
      clock: services.clock,
      integrations: services.integrations,
      comments: services.comments,
      notifier: services.notifier,
      log,
      budgets: {
        // Google's quota day starts at midnight Pacific Time.
        youtube: new PollBudget({
          units: Math.floor(services.config.YOUTUBE_DAILY_QUOTA * services.config.YOUTUBE_POLL_QUOTA_SHARE),
          zone: 'America/Los_Angeles',
        }),
      },
    });
    jobs.add({
      name: COMMENT_POLL_JOB,
      schedule: '0 */2 * * * *',
      run: async () => {
        await poller.pollAll();
      },
    });
  },
};
