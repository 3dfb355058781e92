/**
 * The daily read-back of published posts' figures (post-figures.ts). With several replicas on one
 * PostgreSQL database only the leader reads (JobSpec.leaderOnly), so each
 * network is asked once; on SQLite the one process leads.
 */

import type { Feature } from '../../feature.js';
import { readPostFigures } from './post-figures.js';

export const POST_FIGURES_JOB = 'post-figures';

export const performance: Feature = {
  name: 'performance',
  register({ services, jobs, log }) {
    jobs.add({
      name: POST_FIGURES_JOB,
      // Daily after the metrics pull (04:20 UTC): Meta's figures lag up to 48 hours, so once a day is enough.
      schedule: '50 4 * * *',
      leaderOnly: true,
      run: async () => {
        const r = await readPostFigures(
          { db: services.db, integrations: services.integrations, log },
          services.clock.now(),
        );
        if (r.posts > 0) log.info(r, 'post figures read');
      },
    });
  },
};
