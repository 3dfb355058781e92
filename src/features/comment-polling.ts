/**
 * Reads new comments from the connected Facebook, Instagram and YouTube accounts every two minutes
 * (the poll interval is the alert delay for comments no webhook delivers).
 */
import type { Feature } from '../features.js';
import { CommentPoller } from '../services/comment-polling.js';

export const COMMENT_POLL_JOB = 'comments.poll';

export const commentPollingFeature: Feature = {
  name: 'comment-polling',
  register({ services, jobs, log }) {
    const poller = new CommentPoller({
      db: services.db,
      clock: services.clock,
      integrations: services.integrations,
      comments: services.comments,
      log,
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
