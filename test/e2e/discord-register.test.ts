import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandData } from '../../src/adapters/discord/command-data.js';
import { discordRegister } from '../../src/cli/discord-register.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord } from '../fakes/discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});

async function register(env: Record<string, string>) {
  const out: string[] = [];
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await discordRegister.run({
      config: loadConfig({ DATABASE_URL: 'file:/nonexistent/never-opened.db', DISCORD_API_URL: fake.api, ...env }),
      log: createLogger('silent'),
      args: [],
      stdout: (t) => void out.push(t),
      stdin: Readable.from([]),
    });
    return { code, out: out.join(''), err: stderr.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    stderr.mockRestore();
  }
}

describe('mktbot discord-register', () => {
  it('PUTs the commands derived from the specs to the guild route when DISCORD_GUILD_ID is set', async () => {
    const guild = '1180000000000000101';
    const r = await register({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: guild });
    expect(r.code).toBe(0);
    const put = fake.requests.find((q) => q.method === 'PUT' && q.path.endsWith(`/guilds/${guild}/commands`));
    expect(put?.authorization).toBe(`Bot ${fake.token}`);
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandData(commands))));
    expect(fake.registered.get(guild)).toHaveLength(commands.length);
    expect(r.out).toContain(`Registered ${commands.length} slash command(s) in server ${guild}`);
    const config = commands.find((c) => c.name === 'config');
    expect(r.out).toContain(`/config (${config?.subcommands.map((s) => s.name).join(', ')})`);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const r = await register({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId });
    expect(r.code).toBe(0);
    expect(fake.registered.get('global')).toHaveLength(commands.length);
    expect(r.out).toContain('globally');
  });

  it('reports a refused token and never prints it', async () => {
    const r = await register({ DISCORD_TOKEN: 'wrong.token.value', DISCORD_APP_ID: fake.appId });
    expect(r.code).toBe(1);
    expect(r.err).toContain('401');
    expect(r.err).not.toContain('wrong.token.value');
  });

  it('asks for the token and the application id first', async () => {
    const r = await register({});
    expect(r.code).toBe(2);
    expect(r.err).toContain('DISCORD_TOKEN and DISCORD_APP_ID');
  });
});
