/**
 * Reporting's background work and endpoints: the weekly digest check, the daily metrics pull, and
 * POST /webhooks/metrics with GET /webhooks/metrics/jobs/ID for large pushes stored in the
 * background (both off, 404, while WEBHOOK_SECRET is unset).
 */
import type { Feature } from '../feature.js';
import { runDueDigests } from './digest.js';
import { MetricsPushJobs } from './metric-jobs.js';
import { pullMetrics } from './metric-pull.js';
import { handleJobStatus, handleMetricsPush, JOBS_PATH, MAX_PUSH_BYTES } from './webhook.js';

/** Checks every few minutes; the DigestRun table makes each weekly digest go out once. */
export const DIGEST_JOB = 'digest';

/**
 * Daily, early in the UTC morning: yesterday's sends and Meta's day values for yesterday exist
 * (Meta's days end at midnight Pacific time, 07:00/08:00 UTC, so the newest day is re-read tomorrow)
 * and people are not yet reading reports.
 */
export const METRICS_PULL_JOB = 'metrics-pull';

export const reporting: Feature = {
  name: 'reporting',
  register({ services, http, jobs, log }) {
    const secret = services.config.WEBHOOK_SECRET;
    if (secret) {
      const pushes = new MetricsPushJobs({ metrics: services.metrics, notifier: services.notifier, log });
      jobs.onStop(() => pushes.stop());
      http.route('POST', '/webhooks/metrics', (req) => handleMetricsPush(services, pushes, log, req, secret), {
        maxBodyBytes: MAX_PUSH_BYTES,
      });
      http.route('GET', `${JOBS_PATH}*`, (req) => handleJobStatus(pushes, req, secret));
    }
    jobs.add({
      name: DIGEST_JOB,
      schedule: '*/5 * * * *',
      run: async () => {
        await runDueDigests(services, log);
      },
    });
    jobs.add({
      name: METRICS_PULL_JOB,
      schedule: '20 4 * * *',
      run: async () => {
        const r = await pullMetrics(services, log);
        if (r.workspaces > 0) log.info(r, 'metrics pulled');
      },
    });
  },
};
