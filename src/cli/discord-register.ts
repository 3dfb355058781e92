/**
 * `mktbot discord-register`: publishes the slash commands derived from the command specs. Guild
 * commands (DISCORD_GUILD_ID set) appear at once, which suits setup and testing; global ones can take
 * a while to reach every client. PUT replaces the whole set, so a removed command disappears too.
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { commands } from '../../commands/index.js';
import { type CommandData, commandData } from '../adapters/discord/command-data.js';
import type { Verb } from './verbs.js';

export const discordRegister: Verb = {
  name: 'discord-register',
  summary: 'register the slash commands with Discord (guild-scoped when DISCORD_GUILD_ID is set)',
  async run({ config, stdout }) {
    const { DISCORD_TOKEN: token, DISCORD_APP_ID: app, DISCORD_GUILD_ID: guild } = config;
    if (!token || !app) {
      process.stderr.write('mktbot discord-register: set DISCORD_TOKEN and DISCORD_APP_ID first.\n');
      return 2;
    }
    const body = commandData(commands);
    const rest = new REST({ api: config.DISCORD_API_URL, retries: 1 }).setToken(token);
    const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
    try {
      const saved = (await rest.put(route, { body })) as Array<{ id: string; name: string }>;
      stdout(`${describe(body, saved, guild)}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DiscordAPIError) {
        process.stderr.write(
          `mktbot discord-register: Discord refused the commands (${err.status} ${err.code}): ${err.message}\n`,
        );
        return 1;
      }
      throw err;
    }
  },
};

function describe(body: CommandData[], saved: Array<{ id: string; name: string }>, guild: string | undefined): string {
  const scope = guild ? `in server ${guild} (visible now)` : 'globally (may take up to an hour to appear)';
  const lines = body.map((c) => {
    const subs = (c.options ?? []).filter((o) => o.type === 1).map((o) => o.name);
    const id = saved.find((s) => s.name === c.name)?.id;
    return `  /${c.name}${subs.length > 0 ? ` (${subs.join(', ')})` : ''}${id ? `  id ${id}` : ''}`;
  });
  return [`Registered ${body.length} slash command(s) ${scope}:`, ...lines].join('\n');
}
