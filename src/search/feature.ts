/**
 * SEO monitoring in the background: every 10 minutes, watched sites whose week is up (and new ones)
 * are crawled and the SEO people (job role seo, mentioned) get what changed, in the team channel.
 */
import type { Feature } from '../feature.js';
import { membersWithJobRole } from '../workspace/job-roles.js';
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
              // Addressed to the people whose job it is: a mention notifies them in Slack and Discord.
              const seo = await membersWithJobRole(services.db, run.watch.workspaceId, 'seo');
              const message = watchReply(run, locale);
              await services.notifier.post(
                run.watch.workspace,
                'team',
                seo.length > 0 ? { ...message, mention: seo } : message,
              );
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
