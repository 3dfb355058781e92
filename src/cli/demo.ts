import { openDatabase } from '../db/client.js';
import { seedDemo } from '../reporting/demo.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { defineVerb, workspaceOption } from './verb.js';

export const demo = defineVerb({
  name: 'demo',
  summary: 'seed a sample brand (90 days of metrics, a plan with goals) into the console workspace',
  details: ['Running it again replaces the sample data it seeded before.'],
  options: { workspace: workspaceOption },
  async run({ config, values, stdout }) {
    const db = await openDatabase(config.DATABASE_URL);
    try {
      const ws = await workspaceFromRef(db.prisma, values.workspace);
      if (typeof ws === 'string') {
        process.stderr.write(`${ws}\n`);
        return 2;
      }
      const s = await seedDemo(db.prisma, ws, new Date());
      stdout(
        `Seeded ${s.rows} daily metric rows from ${s.from} to ${s.to} (${s.channels.join(', ')}) and the plan "${s.plan}".\n` +
          'Try: /report 30d, /report trends, /digest preview. Running demo again replaces this sample data.\n',
      );
      return 0;
    } finally {
      await db.close();
    }
  },
});
