/**
 * Slash commands: each command's own (`/config lang ar`) and the umbrella `/mkt config lang ar`.
 * Acknowledged at once; then claimed (Slack retries), and either a form opens for missing required
 * options or the command runs and answers through response_url. Sub-actions declared `slow` run in
 * the queue's slow lane, everything else in the fast lane (after-ack-queue.ts).
 */
import type { Subcommand } from '../../../core/command.js';
import { claimOnce } from '../../../db/processed-events.js';
import { type Lane, personOf } from '../after-ack-queue.js';
import { teamIdOf } from '../identity.js';
import { buildModal } from '../modal.js';
import { UMBRELLA_COMMAND } from '../paths.js';
import { plainMentionReply, readSlackInput, type SlackInput } from '../typed-input.js';
import type { ListenerDeps } from './deps.js';

/** The fields of a slash command payload this adapter reads. */
export interface SlashCommand {
  command: string;
  text: string;
  trigger_id: string;
  response_url: string;
  team_id: string;
  team_domain: string;
  user_id: string;
  user_name: string;
  channel_id: string;
}

export function registerCommands(d: ListenerDeps): void {
  d.app.command(/^\/.+/, async ({ command, ack }) => {
    await ack();
    // Read when the queue looks for work, not here: the next requests of a burst wait for this turn.
    let read: SlackInput | undefined;
    const input = () => {
      read ??= readSlackInput(d.router, lineOf(command));
      return read;
    };
    d.queue.add(
      () => laneOf(input()),
      personOf(command.team_id, command.user_id),
      () => d.replies.safely(command.response_url, undefined, () => onCommand(d, command, input())),
    );
  });
}

/** What was typed, as a command line: `/mkt config lang ar` is `/config lang ar`. */
function lineOf(c: SlashCommand): string {
  const typed = c.command.replace(/^\//, '').toLowerCase();
  return typed === UMBRELLA_COMMAND ? `/${c.text.trim() || 'help'}` : `/${typed} ${c.text}`;
}

/** Slow work waits in its own lane; a form for missing options must open within the trigger's 3 s. */
function laneOf(input: SlackInput): Lane {
  if (input.kind !== 'bound' || !input.sub.slow || input.plain) return 'fast';
  return missingRequired(input.sub, input.raw) ? 'fast' : 'slow';
}

async function onCommand(d: ListenerDeps, c: SlashCommand, input: SlackInput): Promise<void> {
  const teamId = teamIdOf(c.team_id);
  if (!teamId) {
    await d.replies.refuseWithoutWorkspace(c.response_url, { kind: 'command', command: c.command, user: c.user_id });
    return;
  }
  if (!(await claimOnce(d.services.db, `slack:command:${c.trigger_id}`))) return;
  const who = await d.identities.identity(teamId, c.user_id, c.channel_id, {
    domain: c.team_domain,
    name: c.user_name,
  });
  if (input.kind === 'bound' && missingRequired(input.sub, input.raw)) {
    const { command, sub, raw } = input;
    const locale = await d.identities.localeOf(who);
    const view = buildModal(command, sub, raw, locale, {
      command: command.name,
      sub: sub.name,
      channel: c.channel_id,
      responseUrl: c.response_url,
    });
    try {
      await d.app.client.views.open({ trigger_id: c.trigger_id, view });
      return;
    } catch (err) {
      // An expired trigger or a refused view: the typed path below still explains what is missing.
      d.log.warn({ err }, 'could not open the modal; answering in text');
    }
  }
  if (input.kind === 'bound' && input.plain) {
    const locale = await d.identities.localeOf(who);
    await d.replies.answer(c.response_url, plainMentionReply(input.plain, locale), { channel: c.channel_id, locale });
    return;
  }
  if (input.kind === 'text') {
    // Not bound to a sub-action: the router says what is wrong with the line.
    await d.replies.run(c.response_url, c.channel_id, undefined, undefined, who, () =>
      d.router.handleText(input.line, who),
    );
    return;
  }
  const { command, sub, raw } = input;
  await d.replies.run(c.response_url, c.channel_id, command, sub, who, () =>
    d.router.handleStructured(command.name, sub.name, raw, who),
  );
}

function missingRequired(sub: Subcommand, raw: Record<string, string>): boolean {
  return Object.entries(sub.options).some(([key, spec]) => spec.required && (raw[key] ?? '').trim() === '');
}
