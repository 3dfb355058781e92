/**
 * Modal submissions (view_submission): the command modal opened for missing options, and the forms
 * buttons ask for (Reply.form). Values are checked before the ack so errors show on their fields;
 * valid ones run after the ack, once per view (Slack retries), and answer through response_url:
 * in the queue's interactive lane, or its slow lane for a sub-action declared `slow`.
 */
import type { z } from 'zod';
import { findSubcommand } from '../../../core/bind.js';
import { claimOnce } from '../../../db/processed-events.js';
import { personOf } from '../after-ack-queue.js';
import { attachmentsOf } from '../files.js';
import { teamIdOf } from '../identity.js';
import {
  FORM_CALLBACK_ID,
  formMetadata,
  MODAL_CALLBACK_ID,
  modalMetadata,
  readModal,
  readModalFiles,
  type ViewState,
} from '../modal.js';
import type { ListenerDeps } from './deps.js';

export function registerViews(d: ListenerDeps): void {
  d.app.view(MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const meta = parseWith(modalMetadata, view.private_metadata);
    const command = meta && d.router.find(meta.command);
    const sub = command && findSubcommand(command, meta.sub);
    if (!meta || !command || !sub) {
      await ack();
      return;
    }
    const teamId = teamIdOf(body.team?.id, body.user.team_id, view.team_id);
    if (!teamId) {
      await ack();
      refuse(d, meta.responseUrl, meta.channel, { kind: 'view', command: meta.command, user: body.user.id });
      return;
    }
    const person = await d.identities.identity(teamId, body.user.id, meta.channel, {
      domain: body.team?.domain,
      name: body.user.name,
    });
    // Files from the file input take the path of files shared in a DM: read only when the command needs them.
    const { SLACK_BOT_TOKEN, SLACK_API_URL } = d.services.config;
    const attachments = attachmentsOf(readModalFiles(view.state as ViewState), SLACK_BOT_TOKEN, SLACK_API_URL);
    const who = attachments.length > 0 ? { ...person, attachments } : person;
    const raw = readModal(view.state as ViewState);
    const checked = d.router.validate(sub, raw, await d.identities.localeOf(who));
    if (!checked.ok) {
      // Errors are keyed by option name, which is each input's block_id.
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack();
    // The command's own work: a slow sub-action waits in the slow lane like the typed command.
    d.queue.add(sub.slow ? 'slow' : 'interactive', personOf(teamId, body.user.id), () =>
      d.replies.safely(meta.responseUrl, meta.channel, async () => {
        if (!(await claimOnce(d.services.db, `slack:view:${view.id}:${view.hash}`))) return;
        await d.replies.run(meta.responseUrl, meta.channel, command, sub, who, () =>
          d.router.handleStructured(command.name, sub.name, raw, who),
        );
      }),
    );
  });

  d.app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const meta = parseWith(formMetadata, view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    const teamId = teamIdOf(body.team?.id, body.user.team_id, view.team_id);
    if (!teamId) {
      await ack();
      refuse(d, meta.responseUrl, meta.channel, { kind: 'form', action: meta.action, user: body.user.id });
      return;
    }
    const who = await d.identities.identity(teamId, body.user.id, meta.channel, {
      domain: body.team?.domain,
      name: body.user.name,
    });
    const values = readModal(view.state as ViewState);
    const errors = d.router.checkForm(meta.action, values, await d.identities.localeOf(who));
    if (errors) {
      // Errors are keyed by field key, which is each input's block_id.
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    d.queue.add('interactive', personOf(teamId, body.user.id), () =>
      d.replies.safely(meta.responseUrl, meta.channel, async () => {
        if (!(await claimOnce(d.services.db, `slack:view:${view.id}:${view.hash}`))) return;
        const reply = await d.router.submit(meta.action, meta.payload, values, who);
        await d.replies.answer(meta.responseUrl, reply, {
          channel: meta.channel,
          replace: reply.replaceOriginal,
          locale: await d.identities.localeOf(who),
        });
      }),
    );
  });
}

/** A submission that names no workspace: closes the modal, runs nothing, says why (after the ack). */
function refuse(
  d: ListenerDeps,
  responseUrl: string | undefined,
  channel: string | undefined,
  facts: { user: string; [key: string]: unknown },
): void {
  d.queue.add('interactive', personOf(undefined, facts.user), () =>
    d.replies.safely(responseUrl, channel, () => d.replies.refuseWithoutWorkspace(responseUrl, { ...facts })),
  );
}

/** private_metadata as this adapter wrote it, or undefined when it is not. */
function parseWith<T>(schema: z.ZodType<T>, s: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(s));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
