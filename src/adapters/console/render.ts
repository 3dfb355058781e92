import { defineMessages, iso } from '../../core/i18n.js';
import { actionsOf, type Block, formAsText, numeral, type Reply, settledLine } from '../../core/reply.js';

/** What the terminal shows in place of what it cannot show (a picture, an attachment). */
const consoleText = defineMessages(
  'console',
  {
    image: (p: { alt: string; file: string }) => `[image: ${p.alt} (${p.file})]`,
    file: (p: { file: string }) => `[file: ${p.file}]`,
  },
  {
    image: (p) => `[صورة: ${p.alt} (${iso(p.file)})]`,
    file: (p) => `[ملف: ${iso(p.file)}]`,
  },
);

/** Plain-text rendering for a terminal: aligned fields and tables, numbered buttons. */
export function renderText(asked: Reply): string {
  // A terminal has no forms: show the fields and the command to type instead.
  const r = formAsText(asked);
  const out: string[] = [];
  if (r.mention?.length) out.push(r.mention.map((p) => `@${p.name || p.id}`).join(' '));
  const mark = r.tone === 'error' ? '✖ ' : r.tone === 'warning' ? '⚠ ' : r.tone === 'success' ? '✔ ' : '';
  if (r.title) out.push(`${mark}${r.title}`, '─'.repeat(Math.min(60, Math.max(8, width(r.title) + width(mark)))));
  let buttons = 0;
  r.blocks.forEach((b, i) => {
    const first = i === 0 && !r.title;
    const rendered = renderBlock(b, () => ++buttons, r);
    if (rendered !== '') out.push(first ? `${mark}${rendered}` : rendered);
  });
  return out.join('\n');
}

function renderBlock(b: Block, nextButton: () => number, r: Reply): string {
  const m = consoleText[r.rtl ? 'ar' : 'en'];
  switch (b.kind) {
    case 'text':
      return b.text;
    case 'context':
      return `  ${b.text}`;
    case 'fields': {
      const w = Math.max(...b.fields.map((f) => width(f.label)));
      return b.fields
        .map((f) => {
          const [first = '', ...rest] = f.value.split('\n');
          const pad = ' '.repeat(w + 4);
          return [`  ${f.label}${' '.repeat(w - width(f.label))}  ${first}`, ...rest.map((l) => `${pad}${l}`)].join(
            '\n',
          );
        })
        .join('\n');
    }
    case 'list':
      return b.items.map((item, i) => `  ${b.ordered ? `${numeral(i + 1, r)}.` : '•'} ${item}`).join('\n');
    case 'table':
      return renderTable(b.columns, b.rows);
    case 'image':
      return `  ${settledLine(m.image({ alt: b.alt, file: b.filename }), r)}`;
    case 'file':
      return `  ${settledLine(m.file({ file: b.filename }), r)}`;
    case 'actions':
      // A link cannot be opened from the terminal: its address is printed to copy into a browser.
      return `  ${b.actions.map((a) => (a.url ? `${a.label}: ${a.url}` : `[${numeral(nextButton(), r)}] ${a.label}`)).join('   ')}`;
  }
}

function renderTable(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ')}`.trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Terminal columns taken by a string: isolates and marks take none. */
function width(s: string): number {
  return [...s.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f]/g, '')].length;
}

export { actionsOf };
