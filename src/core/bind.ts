/**
 * Binds parsed tokens to one command's declaration: picks the sub-action, maps `key:value` and bare
 * words onto options. Produces raw strings only; validation is the router's next step.
 */
import type { Command, Subcommand } from './command.js';
import { closest, normalizeName, type Token, type Tokens } from './parse.js';

export type BindProblem =
  | { kind: 'needSubcommand'; choices: string[] }
  | { kind: 'unknownSubcommand'; word: string; suggestions: string[]; choices: string[] }
  | { kind: 'unknownOption'; key: string; suggestions: string[]; options: string[] }
  | { kind: 'duplicateOption'; key: string }
  | { kind: 'unexpected'; word: string };

export type Bound = { ok: true; sub: Subcommand; raw: Record<string, string> } | { ok: false; problem: BindProblem };

/** The sub-action a word names, by its name or one of its aliases; the default one for no word. */
export function findSubcommand(command: Command, name: string | undefined): Subcommand | undefined {
  const wanted = name === undefined ? (command.defaultSubcommand ?? '') : normalizeName(name);
  return (
    command.subcommands.find((s) => s.name === wanted) ?? command.subcommands.find((s) => s.aliases.includes(wanted))
  );
}

/** Every word that names a sub-action, aliases included: what "did you mean" picks from. */
function subcommandWords(command: Command): string[] {
  return command.subcommands.flatMap((s) => (s.name ? [s.name, ...s.aliases] : []));
}

export function bind(command: Command, parsed: Tokens): Bound {
  const tokens = [...parsed.tokens];
  const named = command.subcommands.map((s) => s.name).filter(Boolean);
  let sub: Subcommand | undefined;
  if (named.length === 0) {
    sub = command.subcommands[0];
  } else {
    const first = tokens[0];
    const word = first && !first.key && !first.quoted ? normalizeName(first.value) : undefined;
    sub = word === undefined ? undefined : findSubcommand(command, word);
    if (sub) {
      tokens.shift();
    } else {
      sub = findSubcommand(command, undefined);
      const takesWords = sub ? Object.values(sub.options).some((o) => o.positional) : false;
      if (word !== undefined && (!sub || !takesWords)) {
        return {
          ok: false,
          problem: {
            kind: 'unknownSubcommand',
            word,
            suggestions: closest(word, subcommandWords(command)),
            choices: named,
          },
        };
      }
      if (!sub) return { ok: false, problem: { kind: 'needSubcommand', choices: named } };
    }
  }
  if (!sub) return { ok: false, problem: { kind: 'needSubcommand', choices: named } };
  return bindOptions(sub, tokens, parsed);
}

function bindOptions(sub: Subcommand, tokens: Token[], parsed: Tokens): Bound {
  const raw: Record<string, string> = {};
  const names = Object.keys(sub.options);
  const slots = names.filter((n) => sub.options[n]?.positional);
  let nextSlot = 0;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const key = tok.key === undefined ? undefined : normalizeName(tok.key);
    if (key !== undefined && names.includes(key)) {
      if (key in raw) return { ok: false, problem: { kind: 'duplicateOption', key } };
      raw[key] = tok.value;
      continue;
    }
    // Not an option name: a bare word, or text with a colon in it (a URL, "9:30").
    while (nextSlot < slots.length && (slots[nextSlot] as string) in raw) nextSlot++;
    const slot = slots[nextSlot];
    if (slot === undefined) {
      if (key !== undefined) {
        return { ok: false, problem: { kind: 'unknownOption', key, suggestions: closest(key, names), options: names } };
      }
      return { ok: false, problem: { kind: 'unexpected', word: tok.raw } };
    }
    nextSlot++;
    if (!sub.options[slot]?.greedy) {
      raw[slot] = tok.key === undefined ? tok.value : tok.raw;
      continue;
    }
    // A greedy option takes the remaining words, verbatim when nothing was interleaved.
    const taken: Token[] = [tok];
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j] as Token;
      const nextKey = next.key === undefined ? undefined : normalizeName(next.key);
      if (nextKey !== undefined && names.includes(nextKey)) {
        if (nextKey in raw) return { ok: false, problem: { kind: 'duplicateOption', key: nextKey } };
        raw[nextKey] = next.value;
      } else {
        taken.push(next);
      }
    }
    i = tokens.length;
    raw[slot] = greedyValue(taken, tokens, parsed.source);
  }

  if (parsed.piped !== undefined && parsed.piped !== '') {
    const target = sub.pipe ?? slots.find((s) => sub.options[s]?.greedy && !(s in raw));
    if (!target) return { ok: false, problem: { kind: 'unexpected', word: `| ${parsed.piped}` } };
    if (target in raw) return { ok: false, problem: { kind: 'duplicateOption', key: target } };
    raw[target] = parsed.piped;
  }
  return { ok: true, sub, raw };
}

function greedyValue(taken: Token[], all: Token[], source: string): string {
  const first = taken[0] as Token;
  const last = taken[taken.length - 1] as Token;
  if (taken.length === 1) return first.key === undefined ? first.value : first.raw;
  const contiguous = all.indexOf(last) - all.indexOf(first) === taken.length - 1;
  return contiguous ? source.slice(first.start, last.end) : taken.map((t) => t.raw).join(' ');
}
