/**
 * Free-text arguments as people type them after a slash command:
 *   /brainstorm product:"cold brew" budget:2000 goal:awareness
 *   /schedule instagram tomorrow 9am | Caption with spaces
 *   /config lang ar
 * Tokens are `key:value`, `key:"quoted value"`, quoted or bare words, and everything after an
 * unquoted " | ". Binding tokens to a command's options is a second step (bind), because only the
 * spec knows which words are option names.
 */
import { stripBidi } from './options.js';

export const MAX_INPUT_CHARS = 4000;

export interface Token {
  /** Set when the token looked like `key:value`; the binder decides whether key is an option. */
  key?: string;
  value: string;
  /** The token exactly as typed, for when `key:` turns out not to be an option name. */
  raw: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface Tokens {
  tokens: Token[];
  /** Text after the first unquoted " | ", verbatim but trimmed; undefined when there is none. */
  piped?: string;
  /** The cleaned input, so greedy options can take a verbatim slice of it. */
  source: string;
}

// C0 and C1 control characters other than tab and newline: never meaningful in a command, and they
// can forge terminal output or log lines.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '«': '»', '‘': '’' };
const KEY = /^([A-Za-z][A-Za-z0-9_-]{0,31})[:=]/;

export function cleanInput(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function tokenize(input: string): Tokens {
  const source = cleanInput(input);
  const tokens: Token[] = [];
  let piped: string | undefined;
  let i = 0;
  const n = source.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

  while (i < n) {
    while (i < n && isSpace(source[i])) i++;
    if (i >= n) break;
    if (source[i] === '|' && (i + 1 >= n || isSpace(source[i + 1]))) {
      piped = source.slice(i + 1).trim();
      break;
    }
    const start = i;
    let key: string | undefined;
    const keyMatch = KEY.exec(source.slice(i, i + 34));
    if (keyMatch?.[1] !== undefined) {
      key = keyMatch[1];
      i += keyMatch[0].length;
    }
    const open = source[i];
    const close = open === undefined ? undefined : QUOTES[open];
    let value: string;
    let quoted = false;
    if (close !== undefined) {
      const endQuote = source.indexOf(close, i + 1);
      // An unbalanced quote takes the rest of the line rather than failing: people forget them.
      const stop = endQuote === -1 ? n : endQuote;
      value = source.slice(i + 1, stop);
      i = endQuote === -1 ? n : endQuote + 1;
      quoted = true;
    } else {
      const valueStart = i;
      while (i < n && !isSpace(source[i])) i++;
      value = source.slice(valueStart, i);
    }
    tokens.push({ ...(key === undefined ? {} : { key }), value, raw: source.slice(start, i), quoted, start, end: i });
  }
  return { tokens, ...(piped === undefined ? {} : { piped }), source };
}

/** Command and sub-action names and option keys compare without direction marks or case. */
export function normalizeName(s: string): string {
  return stripBidi(s).trim().toLowerCase();
}

/** Splits "/cmd rest" into the command word and the rest; the leading slash is optional. */
export function splitCommand(line: string): { name: string; rest: string } {
  const cleaned = stripBidi(cleanInput(line)).trimStart();
  const body = cleaned.startsWith('/') ? cleaned.slice(1) : cleaned;
  const match = /^(\S*)\s*([\s\S]*)$/.exec(body);
  return { name: normalizeName(match?.[1] ?? ''), rest: match?.[2] ?? '' };
}

// In src/lib so feature code (the CSV checks) can suggest names without importing the command layer.
export { closest, editDistance } from '../lib/text.js';
