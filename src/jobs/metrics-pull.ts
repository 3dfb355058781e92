import type { Feature } from '../features.js';
import { pullMailchimpReports } from '../services/metric-pull.js';

export const METRICS_PULL_JOB = 'metrics-pull';

/** Daily, early in the UTC morning: yesterday's sends have settled and people are not yet reading reports. */
export const metricsPullJob: Feature = {
  name: METRICS_PULL_JOB,
  register({ services, jobs, log }) {
    jobs.add({
      name: METRICS_PULL_JOB,
      schedule: '20 4 * * *',
      run: async () => {
        const r = await pullMailchimpReports(services, log);
        if (r.workspaces > 0) log.info(r, 'metrics pulled');
      },
    });
  },
};
