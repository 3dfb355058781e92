import { ApplicationCommandOptionType, Locale } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { adminOnly, commandData, localName } from '../../src/adapters/discord/command-data.js';
import { defineCommand, sub } from '../../src/core/command.js';
import { opt, required } from '../../src/core/options.js';
import { reply } from '../../src/core/reply.js';
import { commandsProblem, DISCORD_LOCALES } from '../fakes/discord.js';
import { probeCommand } from '../helpers/probe-command.js';

const all = [...commands, probeCommand(10).command];

describe('Discord command data from the command specs', () => {
  const data = commandData(all);
  const config = data.find((c) => c.name === 'config');
  const probe = data.find((c) => c.name === 'probe');

  it('has one chat input command per spec, offered in servers only', () => {
    expect(data.map((c) => c.name)).toEqual(all.map((c) => c.name));
    for (const c of data) {
      expect(c.type).toBe(1);
      expect(c.contexts).toEqual([0]);
      expect(c.description).toBe(all.find((s) => s.name === c.name)?.description.en);
    }
  });

  it('turns sub-actions into SUB_COMMAND options with their own typed options', () => {
    const subs = config?.options ?? [];
    expect(subs.map((o) => [o.name, o.type])).toEqual(
      all.find((c) => c.name === 'config')?.subcommands.map((s) => [s.name, ApplicationCommandOptionType.Subcommand]),
    );
    const lang = subs.find((o) => o.name === 'lang') as unknown as { options: Array<Record<string, unknown>> };
    expect(lang.options).toEqual([
      expect.objectContaining({
        name: 'value',
        type: ApplicationCommandOptionType.String,
        required: true,
        choices: [
          { name: 'en', value: 'en' },
          { name: 'ar', value: 'ar' },
        ],
      }),
    ]);
    const channel = subs.find((o) => o.name === 'channel') as unknown as { options: Array<Record<string, unknown>> };
    expect(channel.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['role', ApplicationCommandOptionType.String, true],
      ['channel', ApplicationCommandOptionType.Channel, true],
    ]);
    expect(channel.options[1]?.channel_types).toEqual([0, 5]);
  });

  it('registers a sub-action once, by its name: an alias is for typed text only', () => {
    const names = (config?.options ?? []).map((o) => o.name);
    expect(all.find((c) => c.name === 'config')?.subcommands.find((s) => s.name === 'lang')?.aliases).toEqual([
      'language',
    ]);
    expect(names).toContain('lang');
    expect(names).not.toContain('language');
  });

  it('refuses an alias that names another sub-action', () => {
    const spec = (aliases: string[]) =>
      defineCommand({
        name: 'twice',
        description: { en: 'Twice', ar: 'مرتين' },
        subcommands: {
          one: sub({ description: { en: 'One', ar: 'واحد' }, options: {}, aliases, handler: () => reply('one', []) }),
          two: sub({ description: { en: 'Two', ar: 'اثنان' }, options: {}, handler: () => reply('two', []) }),
        },
      });
    expect(() => spec(['two'])).toThrow(/names another sub-action/);
    expect(() => spec(['Uno'])).toThrow(/must match/);
    expect(spec(['uno']).subcommands[0]?.aliases).toEqual(['uno']);
  });

  it('maps integer, boolean and channel kinds, with ranges, and puts required options first', () => {
    const fast = (probe?.options ?? []).find((o) => o.name === 'fast') as unknown as {
      options: Array<Record<string, unknown>>;
    };
    expect(fast.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['n', ApplicationCommandOptionType.Integer, true],
      ['flag', ApplicationCommandOptionType.Boolean, false],
      ['where', ApplicationCommandOptionType.Channel, false],
      ['who', ApplicationCommandOptionType.String, false],
    ]);
    expect(fast.options[3]).toMatchObject({ autocomplete: true });
    expect(fast.options[0]?.autocomplete).toBeUndefined();
    expect(fast.options[0]).toMatchObject({ min_value: 0, max_value: 100 });
  });

  it('a command without sub-actions carries its options directly (help: a string with max_length)', () => {
    const help = data.find((c) => c.name === 'help');
    expect(help?.options).toEqual([
      expect.objectContaining({ name: 'command', type: 3, required: false, max_length: 40 }),
    ]);
  });

  it('sends only locale keys Discord accepts: none for Arabic, which Discord has no locale for', () => {
    expect(DISCORD_LOCALES).not.toContain('ar');
    expect(commandsProblem(data)).toBeUndefined();
    expect(JSON.stringify(data)).not.toMatch(/"ar":|_localizations/);
  });

  it('puts the Arabic texts on every level when Arabic is mapped to a Discord locale', () => {
    // Proves the Arabic descriptions and option names flow from the specs; Discord validates keys.
    const mapped = commandData(all, { ar: [Locale.EnglishGB] });
    const cfg = mapped.find((c) => c.name === 'config');
    expect(cfg?.description_localizations).toEqual({ 'en-GB': 'عرض إعدادات مساحة العمل أو تغييرها' });
    const lang = cfg?.options?.find((o) => o.name === 'lang') as {
      description_localizations: Record<string, string>;
      options: Array<{
        name_localizations?: Record<string, string>;
        description_localizations: Record<string, string>;
      }>;
    };
    expect(lang.description_localizations).toEqual({ 'en-GB': 'ضبط لغة كل الردود' });
    expect(lang.options[0]?.name_localizations).toEqual({ 'en-GB': 'اللغة' });
    expect(commandsProblem(mapped)).toBeUndefined();
    // The fake refuses what Discord refuses: an unknown locale key.
    const invalid = commandData(all, { ar: ['ar' as Locale] });
    expect(commandsProblem(invalid)).toMatchObject({ status: 400, body: { code: 50035 } });
  });

  it('offers person options as a member picker (USER, type 6) and channels as a channel picker (type 7)', () => {
    const roles = data.find((c) => c.name === 'roles');
    const set = roles?.options?.find((o) => o.name === 'set') as unknown as { options: Array<Record<string, unknown>> };
    expect(set.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['user', ApplicationCommandOptionType.User, true],
      // A permission role or job roles, or job roles by name (/roles set @sara job:social).
      ['role', ApplicationCommandOptionType.String, false],
      ['job', ApplicationCommandOptionType.String, false],
    ]);
    const alerts = data.find((c) => c.name === 'alerts');
    const cfg = alerts?.options?.find((o) => o.name === 'config') as unknown as {
      options: Array<{ name: string; type: number }>;
    };
    expect(cfg.options.filter((o) => o.type === ApplicationCommandOptionType.Channel).map((o) => o.name)).toEqual([
      'channel',
      'escalate',
    ]);
    expect(JSON.stringify(data)).toContain('"type":6');
  });

  it('hides only commands whose every sub-action is for admins (Manage Server, "32"), as Discord applies it per command', () => {
    // /roles (list is open, set is for admins), /connect (status is open), /config (show is open)
    // and /audit (managers: no Discord permission stands for them) stay visible to every member.
    for (const name of ['roles', 'connect', 'config', 'audit']) {
      const c = data.find((x) => x.name === name);
      expect(c, name).toBeDefined();
      expect(c?.default_member_permissions, name).toBeUndefined();
    }
    expect(data.filter((c) => c.default_member_permissions !== undefined).map((c) => c.name)).toEqual(
      commands.filter(adminOnly).map((c) => c.name),
    );
    const user = opt.user({ label: { en: 'Who', ar: 'من' }, description: { en: 'Who', ar: 'من' } });
    const secret = defineCommand({
      name: 'vault',
      description: { en: 'Admins only', ar: 'للمشرفين فقط' },
      subcommands: {
        open: sub({
          description: { en: 'Open', ar: 'فتح' },
          allow: ['admin'],
          options: {},
          handler: () => reply('x', []),
        }),
        give: sub({
          description: { en: 'Give', ar: 'منح' },
          allow: ['admin'],
          options: { who: required(user) },
          handler: () => reply('x', []),
        }),
      },
    });
    const mixed = defineCommand({
      name: 'mixed',
      description: { en: 'Some for admins', ar: 'بعضه للمشرفين' },
      subcommands: {
        look: sub({ description: { en: 'Look', ar: 'نظر' }, options: {}, handler: () => reply('x', []) }),
        change: sub({
          description: { en: 'Change', ar: 'تغيير' },
          allow: ['admin'],
          options: {},
          handler: () => reply('x', []),
        }),
      },
    });
    const [vault, other] = commandData([secret, mixed]);
    expect(vault?.default_member_permissions).toBe('32');
    expect(other?.default_member_permissions).toBeUndefined();
    expect(commandsProblem([vault, other])).toBeUndefined();
    expect(commandsProblem([{ ...vault, default_member_permissions: 32 }])).toMatchObject({ body: { code: 50035 } });
  });

  it('derives Discord-valid option names from Arabic labels', () => {
    expect(localName({ en: 'Time zone', ar: 'المنطقة الزمنية' })).toBe('المنطقة_الزمنية');
    expect(localName({ en: 'x', ar: '\u2068Value!\u2069' })).toBe('value');
    expect(localName({ en: 'x', ar: '   ' })).toBeUndefined();
    expect([...(localName({ en: 'x', ar: 'ا'.repeat(50) }) ?? '')]).toHaveLength(32);
  });
});
