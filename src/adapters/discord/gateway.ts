/**
 * Gateway mode: a discord.js Client with the Guilds intent only (no privileged intents), receiving
 * interactions over the WebSocket and answering them through the interaction REST routes.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type ModalSubmitInteraction,
  type RESTOptions,
} from 'discord.js';
import type { Router } from '../../core/router.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../log.js';
import {
  attachmentsOf,
  buttonWork,
  commandWork,
  formWork,
  type HandleDeps,
  handleInteraction,
  type InteractionFacts,
  type Responder,
  suggestions,
} from './interactions.js';
import { type DiscordMessage, forDiscordJs } from './render.js';
import { restOptions } from './rest-options.js';

export interface GatewayOptions {
  token: string;
  /** REST base including /api (DISCORD_API_URL). */
  api: string;
  router: Router;
  db: Db;
  log: Logger;
  budgetMs: number;
  /** Extra REST options (tests lower retries and timeouts). */
  rest?: Partial<RESTOptions>;
  /** How long start() waits for READY. */
  readyTimeoutMs?: number;
}

export const TOKEN_REFUSED =
  'Discord refused DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal';

export class DiscordGateway {
  readonly client: Client;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly deps: HandleDeps;

  constructor(private readonly o: GatewayOptions) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: restOptions(o.api, o.rest),
      allowedMentions: { parse: [] },
    });
    this.deps = { router: o.router, db: o.db, log: o.log, budgetMs: o.budgetMs };
    this.client.on(Events.InteractionCreate, (i) => {
      const p = this.dispatch(i)
        .catch((err: unknown) => o.log.error({ err, interaction: i.id }, 'discord: interaction failed'))
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    });
    this.client.on(Events.Error, (err) => o.log.error({ err }, 'discord: client error'));
  }

  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error('Discord did not send READY in time; check DISCORD_TOKEN and the network')),
        this.o.readyTimeoutMs ?? 30_000,
      );
      this.client.once(Events.ClientReady, () => resolve());
    });
    try {
      await this.client.login(this.o.token);
      await ready;
    } catch (err) {
      ready.catch(() => {});
      await this.client.destroy();
      const code = (err as { code?: unknown }).code;
      if (code === 'TokenInvalid' || (err as { status?: unknown }).status === 401) {
        throw new Error(TOKEN_REFUSED);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
    this.o.log.info({ user: this.client.user?.tag }, 'discord: connected to the gateway');
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.client.destroy();
  }

  /** Resolves when every interaction received so far has been answered (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async dispatch(i: Interaction): Promise<void> {
    if (i.isChatInputCommand()) {
      const work = commandWork(this.o.router, i.commandName, i.options.data);
      const resolved = Object.fromEntries(
        [...(i.options.resolved?.attachments?.values() ?? [])].map((a) => [
          a.id,
          { filename: a.name, url: a.url, size: a.size },
        ]),
      );
      const facts = { ...factsOf(i), attachments: attachmentsOf(i.options.data, resolved) };
      await handleInteraction(facts, work, responder(i), this.deps, 'ignore');
    } else if (i.isButton()) {
      await handleInteraction(factsOf(i), buttonWork(i.customId), responder(i), this.deps, 'ignore');
    } else if (i.isModalSubmit()) {
      const inputs = i.fields.fields.map((f) => ({
        custom_id: f.customId,
        ...('value' in f && typeof f.value === 'string' ? { value: f.value } : {}),
      }));
      await handleInteraction(factsOf(i), formWork(i.customId, inputs), responder(i), this.deps, 'ignore');
    } else if (i.isAutocomplete()) {
      const choices = await suggestions(this.o.router, factsOf(i), i.commandName, i.options.data, 2 * this.o.budgetMs);
      await i.respond(choices);
    }
  }
}

function factsOf(
  i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction | AutocompleteInteraction,
): InteractionFacts {
  return {
    id: i.id,
    guildId: i.guildId,
    guildName: i.guild?.name,
    channelId: i.channelId,
    user: { id: i.user.id, name: i.user.globalName ?? i.user.username },
    permissions: i.memberPermissions?.bitfield,
    locale: i.locale,
  };
}

function responder(i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction): Responder {
  const js = (m: DiscordMessage) => forDiscordJs(m);
  // A modal opened from a button may update that button's message, like the button itself.
  const onMessage = i.isButton() || (i.isModalSubmit() && i.isFromMessage());
  return {
    async send(m, mode) {
      if (mode === 'update' && onMessage) {
        const { flags: _ephemeralCannotChange, ...rest } = js(m);
        await i.update(rest);
      } else await i.reply(js(m));
    },
    async defer(mode) {
      if (mode === 'update' && onMessage) await i.deferUpdate();
      else await i.deferReply();
    },
    async modal(m) {
      if (i.isModalSubmit()) throw new Error('a modal cannot answer a modal');
      await i.showModal(m);
    },
    async edit(m) {
      const { flags: _ephemeralCannotChange, ...rest } = js(m);
      await i.editReply(rest);
    },
    async followUp(m) {
      await i.followUp(js(m));
    },
    async deleteOriginal() {
      await i.deleteReply();
    },
  };
}
