/**
 * Housekeeping: once a day, rows that have served their purpose go (src/workspace/retention.ts).
 * Every replica may run it; deleting what another replica already deleted is harmless.
 *
 * Connections: the Connect button's addresses (src/workspace/oauth/routes.ts), token renewal every
 * 10 minutes and the daily lapse notices (src/workspace/oauth/upkeep.ts). Those two jobs are
 * leader-only (one replica calls the networks); the notice mark in the database keeps each notice to
 * one send even if leadership changes hands mid-run.
 */

import type { Feature } from '../feature.js';
import { registerOAuthRoutes } from './oauth/routes.js';
import { announceLapsing, pruneStates, refreshDueTokens } from './oauth/upkeep.js';
import { pruneOldRows } from './retention.js';

export const RETENTION_JOB = 'retention';
export const DEFAULT_AUDIT_DAYS = 400;
export const TOKEN_REFRESH_JOB = 'token-refresh';
export const TOKEN_EXPIRY_JOB = 'token-expiry-notices';

export const housekeeping: Feature = {
  name: 'housekeeping',
  register({ services, jobs, http, log }) {
    const auditDays = services.config.AUDIT_RETENTION_DAYS ?? DEFAULT_AUDIT_DAYS;
    jobs.add({
      name: RETENTION_JOB,
      schedule: '40 3 * * *',
      run: async () => {
        const pruned = await pruneOldRows(services.db, services.clock.now(), { auditDays });
        if (pruned.processedEvents + pruned.auditEntries > 0) log.info(pruned, 'old rows pruned');
      },
    });

    registerOAuthRoutes(http, services.oauth);
    const upkeep = { ...services, log };
    jobs.add({
      name: TOKEN_REFRESH_JOB,
      schedule: '*/10 * * * *',
      leaderOnly: true,
      run: async () => {
        const r = await refreshDueTokens(upkeep);
        if (r.refreshed + r.refused > 0) log.info(r, 'tokens renewed');
      },
    });
    jobs.add({
      name: TOKEN_EXPIRY_JOB,
      schedule: '10 8 * * *',
      leaderOnly: true,
      run: async () => {
        const sent = await announceLapsing(upkeep);
        const pruned = await pruneStates(services);
        if (sent + pruned > 0) log.info({ sent, pruned }, 'connection notices and old Connect links');
      },
    });
  },
};
