/**
 * `mktbot discord-register`: publishes the slash commands derived from the command specs. Guild
 * commands (DISCORD_GUILD_ID set) appear at once, which suits setup and testing; global ones can take
 * a while to reach every client. PUT replaces the whole set, so a removed command disappears too.
 */
import { commands } from '../../commands/index.js';
import type { CommandData } from '../adapters/discord/command-data.js';
import { defineVerb } from './verb.js';

export const discordRegister = defineVerb({
  name: 'discord-register',
  summary: 'register the slash commands with Discord (guild-scoped when DISCORD_GUILD_ID is set)',
  details: ['Needs DISCORD_TOKEN and DISCORD_APP_ID; the set registered replaces the previous one.'],
  async run({ config, stdout }) {
    const { DISCORD_TOKEN: token, DISCORD_APP_ID: app, DISCORD_GUILD_ID: guild } = config;
    if (!token || !app) {
      process.stderr.write('mktbot discord-register: set DISCORD_TOKEN and DISCORD_APP_ID first.\n');
      return 2;
    }
    // discord.js takes a third of a second to load: only this verb pays for it, not every start.
    const [{ DiscordAPIError, REST, Routes }, { commandData }] = await Promise.all([
      import('discord.js'),
      import('../adapters/discord/command-data.js'),
    ]);
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
});

function describe(body: CommandData[], saved: Array<{ id: string; name: string }>, guild: string | undefined): string {
  const scope = guild ? `in server ${guild} (visible now)` : 'globally (may take up to an hour to appear)';
  const lines = body.map((c) => {
    const subs = (c.options ?? []).filter((o) => o.type === 1).map((o) => o.name);
    const id = saved.find((s) => s.name === c.name)?.id;
    return `  /${c.name}${subs.length > 0 ? ` (${subs.join(', ')})` : ''}${id ? `  id ${id}` : ''}`;
  });
  return [`Registered ${body.length} slash command(s) ${scope}:`, ...lines].join('\n');
}
