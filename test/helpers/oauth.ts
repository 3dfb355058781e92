/**
 * The Connect button tests' shared parts: a free port for PUBLIC_URL (the callback address must be
 * known before the app starts), the fake authorization server wired to the network fakes, and a
 * "browser" that follows the redirects one hop at a time.
 */
import { createServer } from 'node:net';
import type { Reply } from '../../src/core/reply.js';
import type { FakeOAuth } from '../fakes/oauth.js';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The link button's address in a reply. */
export function connectUrl(r: Reply): string {
  for (const b of r.blocks) if (b.kind === 'actions') for (const a of b.actions) if (a.url) return a.url;
  throw new Error('the reply has no link button');
}

export interface Hop {
  status: number;
  location: string | undefined;
  text: string;
  headers: Headers;
}

export async function get(url: string): Promise<Hop> {
  const res = await fetch(url, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location') ?? undefined,
    text: await res.text(),
    headers: res.headers,
  };
}

/**
 * Opens the Connect link as a person would: the bot's start address (302 to the network), the
 * network's authorization page (302 back with a code), then the bot's callback page.
 */
export async function clickConnect(
  url: string,
): Promise<{ start: Hop; authorize: Hop; callback: Hop; authorizeUrl: URL }> {
  const start = await get(url);
  if (start.status !== 302 || !start.location) throw new Error(`start answered ${start.status}: ${start.text}`);
  const authorize = await get(start.location);
  if (authorize.status !== 302 || !authorize.location)
    throw new Error(`authorize answered ${authorize.status}: ${authorize.text}`);
  const callback = await get(authorize.location);
  return { start, authorize, callback, authorizeUrl: new URL(start.location) };
}

/** The apps registered with the fake authorization server, with the env the bot needs for them. */
export function oauthEnv(auth: FakeOAuth, publicUrl: string): Record<string, string> {
  const cb = (n: string) => `${publicUrl}/oauth/${n}/callback`;
  auth.register('linkedin', {
    clientId: 'li-client',
    clientSecret: 'li-secret-value',
    redirectUri: cb('linkedin'),
    accessSeconds: 60 * 24 * 3600,
    refresh: false,
  });
  auth.register('x', {
    clientId: 'x-client',
    clientSecret: 'x-secret-value',
    redirectUri: cb('x'),
    accessSeconds: 7200,
    refresh: true,
  });
  auth.register('tiktok', {
    clientId: 'tt-client-key',
    clientSecret: 'tt-secret-value',
    redirectUri: cb('tiktok'),
    accessSeconds: 86_400,
    refresh: true,
  });
  auth.register('google', {
    clientId: 'g-client.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-g-secret-value',
    redirectUri: cb('youtube'),
    extraRedirectUris: [cb('ga4')],
    accessSeconds: 3599,
    refresh: true,
  });
  return {
    PUBLIC_URL: publicUrl,
    LINKEDIN_CLIENT_ID: 'li-client',
    LINKEDIN_CLIENT_SECRET: 'li-secret-value',
    LINKEDIN_OAUTH_URL: `${auth.url}/linkedin`,
    X_CLIENT_ID: 'x-client',
    X_CLIENT_SECRET: 'x-secret-value',
    X_AUTHORIZE_URL: `${auth.url}/x/authorize`,
    TIKTOK_CLIENT_KEY: 'tt-client-key',
    TIKTOK_CLIENT_SECRET: 'tt-secret-value',
    TIKTOK_AUTHORIZE_URL: `${auth.url}/tiktok/authorize`,
    GOOGLE_CLIENT_ID: 'g-client.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'GOCSPX-g-secret-value',
    GOOGLE_AUTHORIZE_URL: `${auth.url}/google/authorize`,
    GOOGLE_OAUTH_URL: `${auth.url}/google`,
  };
}

/** Every client secret the tests configure: none may reach a reply, a notice or a log. */
export const CLIENT_SECRETS = ['li-secret-value', 'x-secret-value', 'tt-secret-value', 'GOCSPX-g-secret-value'];
