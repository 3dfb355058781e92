/**
 * Listening: comment webhooks in, alerts out, escalation and alert retries as jobs. Endpoints whose
 * secret is not configured are not registered (they answer 404).
 */
import type { Feature } from '../features.js';
import { handleCommentPush } from '../http/webhooks/comments.js';
import { handleMetaEvent, handleMetaVerify } from '../http/webhooks/meta.js';

export const ESCALATION_JOB = 'alerts.escalate';
export const RETRY_JOB = 'alerts.retry';

export const alertsFeature: Feature = {
  name: 'alerts',
  register({ services, http, jobs }) {
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
  },
};
