// Today: my partner's responses to my entries this past week, each linking
// to its entry. Hidden when there are none: nothing to nag about.
import { api } from '../api.js';
import { r } from '../strings-reflect.js';
import { el, excerpt } from '../ui.js';
import { responseWords } from './responses.js';

export function responsesCard() {
  const list = el('ul', { class: 'entry-list' });
  const card = el('section', { class: 'stack responses-card', 'aria-labelledby': 'responses-card-h', hidden: true, 'data-testid': 'responses-card' },
    el('h2', { id: 'responses-card-h' }, r.responses.cardTitle), list);
  api('GET', '/api/v1/responses?days=7').then((page) => {
    list.replaceChildren(...page.items.map((it) => {
      const title = (it.entry.title && it.entry.title.trim()) || excerpt(it.entry.excerpt.split('\n')[0], 60);
      return el('li', { class: 'entry-card entry--ours' },
        el('a', { href: `/journal/${encodeURIComponent(it.entry.id)}`, class: 'entry-link' },
          r.responses.cardItem(it.author, responseWords(it), title)));
    }));
    card.hidden = page.items.length === 0;
  }).catch(() => { card.hidden = true; });
  return card;
}
