import path from 'node:path';
import { sqlitePath } from '../db/client.js';

/** The folder for files the bot generates itself (the encryption key): next to the SQLite file. */
export function dataDir(databaseUrl: string): string {
  return databaseUrl.startsWith('file:') ? path.dirname(sqlitePath(databaseUrl)) : path.resolve('data');
}
