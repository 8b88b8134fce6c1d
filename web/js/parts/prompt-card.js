// The prompt of the day as a card (Today and the Journal): the person's
// own prompt for their local day, and a link that opens the composer with
// the entry tied to it. The card is returned at once and fills itself in.
import { api } from '../api.js';
import { r } from '../strings-reflect.js';
import { el, timeZone } from '../ui.js';

/* quiet: its link is an ordinary button, where the page already has a
 * primary one (Today's "Write"). */
export function promptCard({ quiet = false } = {}) {
  const text = el('p', { class: 'prompt-text' });
  const theme = el('p', { class: 'hint' });
  const link = el('a', { class: quiet ? 'btn' : 'btn btn--primary', href: '/journal?write=1&prompt=today', hidden: true }, r.prompt.write);
  const card = el('section', { class: 'card stack prompt-card', 'aria-labelledby': 'prompt-h', 'data-testid': 'prompt-card', 'aria-busy': 'true' },
    el('h2', { id: 'prompt-h' }, r.prompt.title), text, theme, link);
  api('GET', `/api/v1/prompts/today?tz=${encodeURIComponent(timeZone())}`).then((p) => {
    text.textContent = p.text;
    theme.textContent = r.prompt.theme(p.theme_label);
    link.href = `/journal?write=1&prompt=${encodeURIComponent(p.id)}`;
    link.hidden = false;
    card.dataset.promptId = p.id;
  }).catch(() => {
    card.hidden = true;
  }).finally(() => card.setAttribute('aria-busy', 'false'));
  return card;
}

let library = null;

/* The prompt with this id ({id, theme, theme_label, text}), or null;
 * "today" is the prompt of the day. */
export async function findPrompt(id) {
  if (id === 'today') return api('GET', `/api/v1/prompts/today?tz=${encodeURIComponent(timeZone())}`).catch(() => null);
  if (!library) library = api('GET', '/api/v1/prompts').catch(() => { library = null; return { themes: [] }; });
  const all = await library;
  for (const th of all.themes) {
    const p = th.prompts.find((x) => x.id === id);
    if (p) return p;
  }
  return null;
}
