/**
 * Publishing's background work: the dispatcher ticks every second (docs/architecture.md §5); ticks
 * never overlap, and on shutdown the dispatcher stops claiming at once.
 */
import type { Feature } from '../feature.js';
import { Dispatcher } from './dispatcher.js';
import { registerMediaRoute } from './media/route.js';

export const DISPATCH_JOB = 'dispatcher';
export const MEDIA_CLEANUP_JOB = 'media-cleanup';
/** Extends recurring series as time passes (evergreen ones have no end). */
export const SERIES_JOB = 'series';

export const publishing: Feature = {
  name: 'publishing',
  register({ services, jobs, log, http }) {
    // Files attached in chat, for the networks that download media (media/route.ts).
    registerMediaRoute(http, services.media);
    const dispatcher = new Dispatcher({
      db: services.db,
      clock: services.clock,
      notifier: services.notifier,
      integrations: services.integrations,
      log,
      telemetry: services.telemetry,
    });
    // Read at scrape time from the database, so every replica reports the same, current lag.
    services.telemetry.registry.onCollect(async () => {
      services.telemetry.dispatcherLagSeconds.set({}, await dispatcher.lagSeconds());
    });
    jobs.add({
      name: DISPATCH_JOB,
      // Every second: with due posts checked each second, lateness stays well under the 2 s target.
      schedule: '* * * * * *',
      run: async () => {
        const r = await dispatcher.tick();
        if (r.claimed > 0 || r.overdue > 0 || r.unknown > 0 || r.requeued > 0) log.info(r, 'dispatcher tick');
      },
      // Shutdown: no new claim; marked sends finish within the grace period; unsent claims go back.
      stop: () => dispatcher.stop(),
    });
    jobs.add({
      name: MEDIA_CLEANUP_JOB,
      // Hourly: a file past its retention that no waiting, sending or failed post uses is removed.
      schedule: '17 * * * *',
      run: async () => {
        const removed = await services.media.removeUnused();
        if (removed > 0) log.info({ removed }, 'unused media files removed');
      },
    });
    // One replica extends the series; were two to run at once, each occurrence's unique key still keeps
    // it single (series.ts).
    jobs.add({
      name: SERIES_JOB,
      // Hourly: occurrences exist four weeks ahead, so an hour's delay never leaves a gap.
      schedule: '0 7 * * * *',
      leaderOnly: true,
      run: async () => {
        const made = await services.series.extendDue(services.clock.now());
        if (made > 0) log.info({ made }, 'recurring posts extended');
      },
    });
  },
};
