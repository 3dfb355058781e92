import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SECRET_VARIABLES } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs with nothing set: SQLite in ./data, console mode, official API bases', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('file:./data/mktbot.db');
    expect(c.PORT).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(c.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.OUTBOUND_ALLOW_HOSTS).toEqual([]);
  });

  it('picks Slack HTTP, Slack Socket Mode, Discord gateway or HTTP interactions from what is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ mode: 'http' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({ mode: 'socket' });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APP_ID: '123456789012345678' }).discord).toEqual({
      mode: 'gateway',
    });
    expect(loadConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APP_ID: '123456789012345678' }).discord).toEqual({
      mode: 'http',
    });
  });

  it.each([
    ['PORT', 'eighty', 'PORT: expected a port number'],
    ['PORT', '70000', 'PORT: expected a port number'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL: expected file:PATH'],
    ['SLACK_API_URL', 'not a url', 'SLACK_API_URL: expected an http:// or https:// URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: expected one of'],
    ['ENCRYPTION_KEY', 'short', 'ENCRYPTION_KEY: expected 32 bytes'],
    ['WEBHOOK_SECRET', 'abc', 'WEBHOOK_SECRET: expected at least 16 characters'],
    ['DISCORD_PUBLIC_KEY', 'zz', 'DISCORD_PUBLIC_KEY: expected 64 hex characters'],
  ])('%s=%s stops start-up naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value, DISCORD_APP_ID: '123456789012345678' })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value, DISCORD_APP_ID: '123456789012345678' })).toThrow(message);
  });

  it('reports every problem at once and never echoes a secret', () => {
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'not-a-bot-token-xyzzy', PORT: '-1', OPENAI_BASE_URL: 'ftp://x' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(message).toContain('PORT:');
    expect(message).toContain('OPENAI_BASE_URL:');
    expect(message).toContain('SLACK_SIGNING_SECRET: required');
    expect(message).not.toContain('xyzzy');
  });

  it('Google OAuth client: official token endpoint by default, both halves required, the secret never echoed', () => {
    const none = loadConfig({});
    expect(none.GOOGLE_OAUTH_URL).toBe('https://oauth2.googleapis.com');
    expect(none.GOOGLE_CLIENT_ID).toBeUndefined();
    const set = loadConfig({
      GOOGLE_CLIENT_ID: ' 1-abc.apps.googleusercontent.com ',
      GOOGLE_CLIENT_SECRET: 'GOCSPX-plugh',
      GOOGLE_OAUTH_URL: 'http://127.0.0.1:9999',
    });
    expect(set).toMatchObject({
      GOOGLE_CLIENT_ID: '1-abc.apps.googleusercontent.com',
      GOOGLE_OAUTH_URL: 'http://127.0.0.1:9999',
    });
    expect(SECRET_VARIABLES).toContain('GOOGLE_CLIENT_SECRET');
    let message = '';
    try {
      loadConfig({ GOOGLE_CLIENT_SECRET: 'GOCSPX-plugh', GOOGLE_OAUTH_URL: 'nope' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET: set both');
    expect(message).toContain('GOOGLE_OAUTH_URL: expected an http:// or https:// URL');
    expect(message).not.toContain('plugh');
  });

  it('Connect button settings: PUBLIC_URL without its trailing slash, app credentials in pairs, secrets never echoed', () => {
    const none = loadConfig({});
    expect(none.PUBLIC_URL).toBeUndefined();
    expect(none.LINKEDIN_OAUTH_URL).toBe('https://www.linkedin.com/oauth/v2');
    expect(none.X_AUTHORIZE_URL).toBe('https://x.com/i/oauth2/authorize');
    expect(loadConfig({ PUBLIC_URL: 'https://bot.example.com/' }).PUBLIC_URL).toBe('https://bot.example.com');
    // X allows a public client: an id without a secret.
    expect(loadConfig({ X_CLIENT_ID: 'x-id' }).X_CLIENT_SECRET).toBeUndefined();
    for (const name of ['LINKEDIN_CLIENT_SECRET', 'X_CLIENT_SECRET', 'TIKTOK_CLIENT_SECRET']) {
      expect(SECRET_VARIABLES).toContain(name);
    }
    let message = '';
    try {
      loadConfig({
        PUBLIC_URL: 'bot.example.com',
        LINKEDIN_CLIENT_SECRET: 'li-plugh',
        TIKTOK_CLIENT_KEY: 'tt-key',
        X_CLIENT_SECRET: 'x-plugh',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PUBLIC_URL: expected an http:// or https:// URL');
    expect(message).toContain('LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET: set both');
    expect(message).toContain('TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET: set both');
    expect(message).toContain('X_CLIENT_ID: required with X_CLIENT_SECRET');
    expect(message).not.toContain('plugh');
  });

  it('splits OUTBOUND_ALLOW_HOSTS into hosts and CIDRs', () => {
    expect(
      loadConfig({ OUTBOUND_ALLOW_HOSTS: ' 127.0.0.1, intranet.local ,10.0.0.0/8,' }).OUTBOUND_ALLOW_HOSTS,
    ).toEqual(['127.0.0.1', 'intranet.local', '10.0.0.0/8']);
  });

  it('reads the YouTube quota and the share polling may spend, refusing a share outside 0.01 to 1', () => {
    expect(loadConfig({})).toMatchObject({ YOUTUBE_DAILY_QUOTA: 10_000, YOUTUBE_POLL_QUOTA_SHARE: 0.5 });
    expect(loadConfig({ YOUTUBE_DAILY_QUOTA: '50000', YOUTUBE_POLL_QUOTA_SHARE: '0.25' })).toMatchObject({
      YOUTUBE_DAILY_QUOTA: 50_000,
      YOUTUBE_POLL_QUOTA_SHARE: 0.25,
    });
    for (const share of ['2', '50%', '0', '-0.5', 'half']) {
      expect(() => loadConfig({ YOUTUBE_POLL_QUOTA_SHARE: share })).toThrow(/YOUTUBE_POLL_QUOTA_SHARE/);
    }
    expect(() => loadConfig({ YOUTUBE_DAILY_QUOTA: '10k' })).toThrow(/YOUTUBE_DAILY_QUOTA/);
  });
});
