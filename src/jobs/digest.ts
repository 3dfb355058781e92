import type { Feature } from '../features.js';
import { runDueDigests } from '../services/digest.js';

/** Checks every few minutes; the DigestRun table makes each weekly digest go out once. */
export const DIGEST_JOB = 'digest';

export const digestJob: Feature = {
  name: 'digest',
  register({ services, jobs, log }) {
    jobs.add({
      name: DIGEST_JOB,
      schedule: '*/5 * * * *',
      run: async () => {
        await runDueDigests(services, log);
      },
    });
  },
};
