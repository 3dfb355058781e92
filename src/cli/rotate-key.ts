/**
 * `mktbot rotate-key [--new-key KEY|-]`: re-encrypts every stored credential from the current key
 * (ENCRYPTION_KEY, or the generated key file) to a new one, in one transaction, checking that each
 * credential opens with the old key before and with the new key after. A key is never printed:
 * a generated key goes into the key file and only the file's path is shown.
 *
 * With ENCRYPTION_KEY set, the new key must be given (then ENCRYPTION_KEY is changed by hand);
 * with the key file, the new key (given or generated) replaces the file's content. Stop the bot
 * first: a running bot keeps the old key until it restarts.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { dataDir } from '../lib/data-dir.js';
import { generateKeyText, keyFilePath, parseKey, Secrets } from '../workspace/secrets.js';
import { defineVerb, type VerbContext } from './verb.js';

export const rotateKey = defineVerb({
  name: 'rotate-key',
  summary: 're-encrypt every stored credential with a new encryption key',
  details: [
    'The current key is ENCRYPTION_KEY or else the key file in the data folder.',
    'Stop the bot first: a running bot keeps the old key until it restarts. A key is never printed.',
  ],
  options: {
    'new-key': {
      type: 'string',
      valueName: 'KEY|-',
      description:
        'the new key: 64 hex characters or base64 of 32 bytes; - reads it from standard input. Required with ENCRYPTION_KEY; without it a key is generated into the key file',
    },
  },
  async run(v) {
    const flag = v.values['new-key'];
    const fromEnv = Boolean(v.config.ENCRYPTION_KEY);
    if (fromEnv && flag === undefined) {
      process.stderr.write(
        'mktbot: ENCRYPTION_KEY is set, so the new key must be given with --new-key; afterwards set ENCRYPTION_KEY to it.\n',
      );
      return 2;
    }
    let newKeyText: string;
    let generated = false;
    try {
      newKeyText = flag === '-' ? await firstLine(v.stdin) : (flag ?? generateKeyText());
      generated = flag === undefined;
      parseKey(newKeyText);
    } catch {
      process.stderr.write('mktbot: the new key must be 32 bytes: 64 hex characters or base64.\n');
      return 2;
    }
    const dir = dataDir(v.config.DATABASE_URL);
    const file = keyFilePath(dir);
    if (!fromEnv && !existsSync(file)) {
      process.stderr.write(`mktbot: there is no key to rotate yet (no ENCRYPTION_KEY and no ${file}).\n`);
      return 1;
    }
    const oldSecrets = Secrets.load(v.config.ENCRYPTION_KEY, dir);
    const newSecrets = Secrets.fromKey(parseKey(newKeyText));
    const db = await openDatabase(v.config.DATABASE_URL);
    try {
      const count = await reseal(
        db.prisma,
        oldSecrets,
        newSecrets,
        fromEnv ? undefined : { file, keyText: newKeyText },
      );
      v.stdout(`Re-encrypted ${count} credential(s).\n`);
      if (fromEnv) v.stdout('Now set ENCRYPTION_KEY to the new key before starting mktbot again.\n');
      else v.stdout(`The ${generated ? 'generated' : 'new'} key is in ${file} (readable by its owner only).\n`);
      return 0;
    } catch (err) {
      process.stderr.write(`mktbot: nothing was changed: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await db.close();
    }
  },
});

type Prisma = Awaited<ReturnType<typeof openDatabase>>['prisma'];

/**
 * Opens every credential with the old key and seals it with the new one inside one transaction.
 * When the key lives in a file, the new key is written next to it first and moved over it only
 * once the transaction has committed, so no moment exists where the stored key cannot open them.
 */
async function reseal(
  db: Prisma,
  oldSecrets: Secrets,
  newSecrets: Secrets,
  keyFile: { file: string; keyText: string } | undefined,
): Promise<number> {
  const pending = keyFile ? `${keyFile.file}.new` : undefined;
  if (keyFile && pending) writeFileSync(pending, `${keyFile.keyText}\n`, { mode: 0o600 });
  let count: number;
  try {
    count = await resealRows(db, oldSecrets, newSecrets);
  } catch (err) {
    if (pending) rmSync(pending, { force: true });
    throw err;
  }
  if (keyFile && pending) renameSync(pending, keyFile.file);
  return count;
}

function resealRows(db: Prisma, oldSecrets: Secrets, newSecrets: Secrets): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.integration.findMany({ orderBy: { id: 'asc' } });
    for (const row of rows) {
      let plain: string;
      try {
        plain = oldSecrets.open(row.credentials);
      } catch {
        throw new Error(`credential #${row.id} (${row.provider}) does not open with the current key`);
      }
      const sealed = newSecrets.seal(plain);
      if (newSecrets.open(sealed) !== plain) throw new Error(`credential #${row.id} did not survive re-encryption`);
      await tx.integration.update({ where: { id: row.id }, data: { credentials: sealed } });
    }
    // Read back inside the transaction: every stored value must open with the new key.
    for (const row of await tx.integration.findMany()) newSecrets.open(row.credentials);
    return rows.length;
  });
}

async function firstLine(stdin: VerbContext['stdin']): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').trim();
}
