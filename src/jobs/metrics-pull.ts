import type { Feature } from '../features.js';
import { pullMetrics } from '../services/metric-pull.js';

export const METRICS_PULL_JOB = 'metrics-pull';

/**
 * Daily, early in the UTC morning: yesterday's sends and Meta's day values for yesterday exist
 * (Meta's days end at midnight Pacific time, 07:00/08:00 UTC, so the newest day is re-read tomorrow)
 * and people are not yet reading reports.
 */
export const metricsPullJob: Feature = {
  name: METRICS_PULL_JOB,
  register({ services, jobs, log }) {
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
