// Today: my partner's responses to my entries this past week, each linking
// to its entry, and how many could not be read (a damaged database file),
// as the entry's own list says. Hidden when there are none and none were
// left out: nothing to nag about.
import { api } from '../api.js';
import { r } from '../strings-reflect.js';
import { el, excerpt, damagedNote } from '../ui.js';
import { responseWords } from './responses.js';

export function responsesCard() {
  const list = el('ul', { class: 'entry-list' });
  const note = el('div');
  const card = el('section', { class: 'stack responses-card', 'aria-labelledby': 'responses-card-h', hidden: true, 'data-testid': 'responses-card' },
    el('h2', { id: 'responses-card-h' }, r.responses.cardTitle), list, note);
  api('GET', '/api/v1/responses?days=7').then((page) => {
    list.replaceChildren(...page.items.map((it) => {
      const title = (it.entry.title && it.entry.title.trim()) || excerpt(it.entry.excerpt.split('\n')[0], 60);
      return el('li', { class: 'entry-card entry--ours' },
        el('a', { href: `/journal/${encodeURIComponent(it.entry.id)}`, class: 'entry-link' },
          r.responses.cardItem(it.author, responseWords(it), title)));
    }));
    list.hidden = page.items.length === 0;
    note.replaceChildren(...[damagedNote(page.damaged, 'responses')].filter(Boolean));
    card.hidden = page.items.length === 0 && !(page.damaged > 0);
  }).catch(() => { card.hidden = true; });
  return card;
}
