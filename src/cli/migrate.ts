import { openDatabase } from '../db/client.js';
import type { Verb } from './verbs.js';

export const migrate: Verb = {
  name: 'migrate',
  summary: 'apply pending database migrations and exit',
  async run({ config, stdout }) {
    const db = await openDatabase(config.DATABASE_URL);
    const { applied, alreadyApplied } = db.migrated;
    stdout(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : `Database is up to date (${alreadyApplied} migration(s) applied).\n`,
    );
    await db.close();
    return 0;
  },
};
