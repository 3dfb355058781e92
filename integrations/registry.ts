/**
 * Every outside network the bot connects to (docs/architecture.md §3.3). Adding a network is one
 * folder, `integrations/<network>/index.ts` exporting its provider object, and one line here: the
 * scheduler's channels, /connect, comment polling, replies and the daily metrics pull read this list.
 * The order is the order people see (the /schedule and /draft channel choices, /connect status).
 */
import { facebook } from './facebook/index.js';
import { ga4 } from './ga4/index.js';
import { instagram } from './instagram/index.js';
import { linkedin } from './linkedin/index.js';
import { mailchimp } from './mailchimp/index.js';
import type { Provider } from './provider.js';
import { tiktok } from './tiktok/index.js';
import { x } from './x/index.js';
import { youtube } from './youtube/index.js';

export const PROVIDERS = [
  instagram,
  facebook,
  linkedin,
  x,
  tiktok,
  youtube,
  mailchimp,
  ga4,
] as const satisfies readonly Provider[];

type Registered = (typeof PROVIDERS)[number];
/** The id of a registered network. */
export type ProviderId = Registered['id'];
/** Networks that publish posts, comment-reading networks: the types say what each can do. */
export type PublishingId = Extract<Registered, { readonly publish: object }>['id'];
export type CommentingId = Extract<Registered, { readonly comments: object }>['id'];

export function providerById(id: string, registry: readonly Provider[] = PROVIDERS): Provider | undefined {
  return registry.find((p) => p.id === id);
}

export function isProviderId(value: string): value is ProviderId {
  return providerById(value) !== undefined;
}
