/** The X account the X tests share on the fake: one token with every posting scope, one without tweet.write. */
import type { FakeX } from '../fakes/x.js';

export const X_HANDLE = 'ColdBrewCo';
export const X_TOKEN = 'x-oauth2-token-full-123';
export const X_NO_WRITE_TOKEN = 'x-oauth2-token-read-456';

export function seedX(x: FakeX): void {
  const account = { id: '1500000000000000001', username: X_HANDLE, name: 'Cold Brew Co' };
  x.addToken(X_TOKEN, account, ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access']);
  x.addToken(X_NO_WRITE_TOKEN, account, ['tweet.read', 'users.read']);
}
