/**
 * Housekeeping: once a day, rows that have served their purpose go (src/workspace/retention.ts).
 * Every replica may run it; deleting what another replica already deleted is harmless.
 */
import type { Feature } from '../feature.js';
import { pruneOldRows } from './retention.js';

export const RETENTION_JOB = 'retention';
export const DEFAULT_AUDIT_DAYS = 400;

export const housekeeping: Feature = {
  name: 'housekeeping',
  register({ services, jobs, log }) {
    const auditDays = services.config.AUDIT_RETENTION_DAYS ?? DEFAULT_AUDIT_DAYS;
    jobs.add({
      name: RETENTION_JOB,
      schedule: '40 3 * * *',
      run: async () => {
        const pruned = await pruneOldRows(services.db, services.clock.now(), { auditDays });
        if (pruned.processedEvents + pruned.auditEntries > 0) log.info(pruned, 'old rows pruned');
      },
    });
  },
};
