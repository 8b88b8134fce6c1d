// What an entry carries besides its words: the prompt it was written from,
// the mood, feeling words and tags. Null when it has none of them.
import { r } from '../strings-reflect.js';
import { el } from '../ui.js';
import { findPrompt } from './prompt-card.js';

export function entryExtras(entry) {
  const rows = [];
  if (entry.prompt) {
    const quote = el('blockquote', {}, '…');
    findPrompt(entry.prompt).then((p) => { quote.textContent = p ? p.text : entry.prompt; });
    rows.push(el('div', { class: 'prompt-quote', 'data-testid': 'entry-prompt' }, el('p', { class: 'hint' }, r.prompt.from), quote));
  }
  const chips = [];
  if (entry.mood) chips.push(el('li', { class: 'chip chip--mood' }, r.mood.shown(entry.mood)));
  for (const f of entry.feelings || []) chips.push(el('li', { class: 'chip chip--feeling' }, f));
  for (const tag of entry.tags || []) chips.push(el('li', { class: 'chip chip--tag' }, `#${tag}`));
  if (chips.length) rows.push(el('ul', { class: 'chips', 'data-testid': 'entry-chips' }, chips));
  return rows.length ? el('div', { class: 'entry-extras stack' }, rows) : null;
}
