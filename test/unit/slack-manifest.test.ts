import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { BOT_SCOPES, buildManifest } from '../../src/adapters/slack/manifest.js';
import { slackManifest } from '../../src/cli/slack-manifest.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Wire } from '../fakes/slack.js';

type Slash = { command: string; url?: string; description: string; usage_hint: string; should_escape: boolean };

describe('Slack manifest', () => {
  it('lists every command and /mkt, all pointing at /slack/events', () => {
    const m = buildManifest(commands, { url: 'https://bot.example.com/' }) as Wire;
    const slash = m.features.slash_commands as Slash[];
    expect(slash.map((s) => s.command)).toEqual([...commands.map((c) => `/${c.name}`), '/mkt']);
    for (const s of slash) {
      expect(s.url).toBe('https://bot.example.com/slack/events');
      expect(s.command).toMatch(/^\/[a-z0-9-]{1,31}$/);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      expect(s.usage_hint.length).toBeLessThanOrEqual(1000);
      // People and channels arrive as <@U123|sara> / <#C123|general>, with their ids.
      expect(s.should_escape).toBe(true);
    }
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://bot.example.com/slack/events' });
    expect(m.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(slash.find((s) => s.command === '/config')?.usage_hint).toContain('lang');
  });

  it('Socket Mode needs no URL', () => {
    const m = buildManifest(commands, { socketMode: true }) as Wire;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain('"url"');
    expect(JSON.stringify(m)).not.toContain('request_url');
  });

  it('the CLI verb prints JSON and refuses a missing or non-https URL', async () => {
    const out: string[] = [];
    const base = {
      config: loadConfig({}),
      log: createLogger('silent'),
      stdin: process.stdin,
      stdout: (t: string) => void out.push(t),
    };
    expect(await slackManifest.run({ ...base, args: ['--url', 'https://bot.example.com'] })).toBe(0);
    const parsed = JSON.parse(out.join('')) as Wire;
    expect(parsed.features.slash_commands.length).toBe(commands.length + 1);
    const err = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await slackManifest.run({ ...base, args: [] })).toBe(2);
      expect(await slackManifest.run({ ...base, args: ['--url', 'http://insecure.example.com'] })).toBe(2);
    } finally {
      process.stderr.write = err;
    }
  });
});
