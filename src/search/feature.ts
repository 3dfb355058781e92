/**
 * SEO monitoring in the background: every 10 minutes, watched sites whose week is up (and new ones)
 * are crawled and the SEO people get what changed, in the team channel.
 */
import type { Feature } from '../feature.js';
import { watchReply } from './watch-view.js';

export const SEO_WATCH_JOB = 'seo-watch';

export const search: Feature = {
  name: 'search',
  register({ services, jobs, log }) {
    let stopping = false;
    jobs.add({
      name: SEO_WATCH_JOB,
      schedule: '*/10 * * * *',
      run: async () => {
        stopping = false;
        await services.seoWatch.runDue(
          async (run) => {
            const locale = run.watch.workspace.locale === 'ar' ? 'ar' : 'en';
            try {
              await services.notifier.post(run.watch.workspace, 'team', watchReply(run, locale));
            } catch (err) {
              // The crawl is stored; next week's message still compares against it.
              log.error({ err, watch: run.watch.id }, 'could not post the SEO watch message');
            }
          },
          () => stopping,
        );
      },
      stop: () => {
        stopping = true;
      },
    });
  },
};
