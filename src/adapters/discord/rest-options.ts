/**
 * Options for every discord.js REST client the bot makes (notices, HTTP interactions, the gateway).
 *
 * Requests go through Node's own fetch, not the undici copy @discordjs/rest bundles: when Slack is
 * configured too, @slack/socket-mode loads undici 7, and undici 6's request then fails every upload
 * with "action is not a function" (a multipart body from another undici version, nodejs/undici#5520),
 * so digests with their chart and attached files never reached Discord. Node's fetch and FormData
 * are one implementation, whatever else is loaded.
 */
import type { RESTOptions } from 'discord.js';

export function restOptions(api: string, extra: Partial<RESTOptions> = {}): Partial<RESTOptions> {
  return { api, makeRequest: fetch as RESTOptions['makeRequest'], ...extra };
}
