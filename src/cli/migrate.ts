import { openDatabase } from '../db/client.js';
import { defineVerb } from './verb.js';

export const migrate = defineVerb({
  name: 'migrate',
  summary: 'apply pending database migrations and exit',
  details: ['The database is DATABASE_URL (SQLite file or PostgreSQL); every start applies them too.'],
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
});
