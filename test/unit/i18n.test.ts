import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type L10n, type Message, registeredCatalogs } from '../../src/core/i18n.js';
import '../../src/core/messages.js';

const ARABIC = /[\u0600-\u06ff]/;

/** Calls a message with a parameter object whose every field is a harmless value. */
function render(message: Message): string {
  if (typeof message === 'string') return message;
  const params = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? '7' : undefined) });
  return (message as (p: unknown) => string)(params);
}

function checkPair(where: string, pair: L10n): void {
  expect(pair.en.trim(), `${where} (en)`).not.toBe('');
  expect(pair.ar.trim(), `${where} (ar)`).not.toBe('');
  // A pure format ("7: 7") has nothing to translate; anything with English words must be translated.
  if (/[A-Za-z]{2}/.test(pair.en)) expect(pair.ar, `${where}: the Arabic text has no Arabic in it`).toMatch(ARABIC);
}

describe('message catalogs', () => {
  const catalogs = registeredCatalogs();

  it('registers the core catalog and every command catalog', () => {
    expect(catalogs.map((c) => c.name)).toContain('core');
    expect(catalogs.length).toBeGreaterThanOrEqual(2);
  });

  for (const catalog of catalogs) {
    it(`${catalog.name}: every key exists in both languages and renders`, () => {
      expect(Object.keys(catalog.ar).sort()).toEqual(Object.keys(catalog.en).sort());
      for (const key of Object.keys(catalog.en)) {
        const en = catalog.en[key] as Message;
        const ar = catalog.ar[key] as Message;
        expect(typeof ar, `${catalog.name}.${key}`).toBe(typeof en);
        checkPair(`${catalog.name}.${key}`, { en: render(en), ar: render(ar) });
      }
    });
  }
});

describe('command declarations', () => {
  for (const command of commands) {
    it(`/${command.name}: descriptions and option labels exist in both languages`, () => {
      checkPair(`/${command.name}`, command.description);
      for (const s of command.subcommands) {
        checkPair(`/${command.name} ${s.name}`, s.description);
        for (const [key, o] of Object.entries(s.options)) {
          checkPair(`/${command.name} ${s.name} ${key} label`, o.label);
          checkPair(`/${command.name} ${s.name} ${key} description`, o.description);
          checkPair(`/${command.name} ${s.name} ${key} expected`, o.expected);
        }
      }
    });
  }
});

describe('bidi isolation', () => {
  it('wraps Latin values inside Arabic sentences in first-strong isolates', async () => {
    const { core } = await import('../../src/core/messages.js');
    const line = core.ar.unknownCommand({ name: 'report' });
    expect(line).toContain('\u2068/report\u2069');
  });
});
