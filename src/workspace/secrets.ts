/**
 * Credentials at rest: AES-256-GCM with a random 96-bit IV per value. The key comes from
 * ENCRYPTION_KEY, or is generated once into the data folder next to the SQLite file (mode 0600) so
 * a fresh install is encrypted without any setup. Sealed values carry a version prefix so the format
 * can change later.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PREFIX = 'v1:';
const KEY_FILE = 'encryption.key';

/** Where the generated key lives when ENCRYPTION_KEY is not set. */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

/** A key as ENCRYPTION_KEY or the key file spell it (64 hex characters or base64 of 32 bytes). */
export function parseKey(value: string): Buffer {
  const key = decodeKey(value.trim());
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes (64 hex characters or base64)');
  return key;
}

/** A fresh random key, spelled as the key file holds it. */
export function generateKeyText(): string {
  return randomBytes(32).toString('hex');
}
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class Secrets {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): Secrets {
    if (key.length !== 32) throw new Error('the encryption key must be 32 bytes');
    return new Secrets(key);
  }

  /** ENCRYPTION_KEY (64 hex characters or base64) when set, else the key file in `dataDir`. */
  static load(configured: string | undefined, dataDir: string): Secrets {
    if (configured) return Secrets.fromKey(decodeKey(configured));
    const file = keyFilePath(dataDir);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      try {
        // 'wx' fails when another process created it first; then we read theirs.
        writeFileSync(file, `${generateKeyText()}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    chmodSync(file, 0o600);
    return Secrets.fromKey(decodeKey(readFileSync(file, 'utf8').trim()));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Throws when the value was altered or sealed with another key. */
  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

function decodeKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}
