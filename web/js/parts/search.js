// The journal's search box (GET /api/v1/search): words and "phrases" over
// my entries and my partner's shared ones, best first, each with the
// passage around its first match. The server says which pieces matched;
// they are put together here as text nodes, the matched ones inside <mark>,
// so nothing from an entry is ever read as markup.
import { api } from '../api.js';
import { t } from '../strings.js';
import { el, nextId, announce, excerpt, when, damagedNote } from '../ui.js';
import { badge, ownership } from './entries.js';

/* [{text, match}] as nodes: <mark> around the matched pieces. */
export function marked(parts) {
  return (parts || []).map((p) => (p.match ? el('mark', {}, p.text) : p.text));
}

/* One hit: a link named by its title (the matches marked) or else by the
 * start of its passage, whose badge and date, and the passage. */
function hitCard(hit) {
  const kind = ownership(hit);
  const title = hit.title_parts && hit.title_parts.length ? marked(hit.title_parts) : null;
  const passage = marked(hit.passage);
  const plain = (hit.passage || []).map((p) => p.text).join('');
  return el('li', { class: `entry-card entry--${kind} search-hit`, 'data-entry-id': hit.id },
    el('a', { href: `/journal/${encodeURIComponent(hit.id)}`, class: 'entry-link' },
      el('span', { class: 'entry-title' }, title || excerpt(plain, 80) || t.journal.untitled)),
    el('p', { class: 'entry-meta' }, badge(hit),
      el('span', { class: 'entry-date' }, el('time', { datetime: hit.created_at }, when(hit.created_at)))),
    passage.length ? el('p', { class: 'entry-excerpt search-passage' },
      hit.passage_cut_start ? '… ' : null, passage, hit.passage_cut_end ? ' …' : null) : null);
}

/*
 * searchBox({ initial, onActive(active) }) → { node, run(q) }: the form
 * and its results. onActive(true) when results are shown (the page hides
 * its ordinary list), onActive(false) when the search is cleared.
 */
export function searchBox({ initial = '', onActive = () => {} } = {}) {
  const id = nextId('search');
  const input = el('input', { type: 'search', id, name: 'q', value: initial, autocomplete: 'off',
    enterkeyhint: 'search', placeholder: t.search.placeholder, 'aria-describedby': `${id}-hint` });
  const clear = el('button', { type: 'button', class: 'btn', hidden: true }, t.search.clear);
  const status = el('p', { class: 'hint', role: 'status', hidden: true });
  const error = el('p', { class: 'form-message form-message--error', role: 'alert', hidden: true });
  const results = el('ol', { class: 'entry-list search-results', hidden: true });
  const damaged = el('div', { hidden: true });
  let seq = 0;

  function reset() {
    seq += 1;
    input.value = '';
    results.replaceChildren();
    results.hidden = true;
    damaged.replaceChildren();
    damaged.hidden = true;
    status.hidden = true;
    error.hidden = true;
    clear.hidden = true;
    history.replaceState(history.state, '', '/journal');
    onActive(false);
  }

  async function run(q) {
    const words = q.trim();
    if (!words) { reset(); return; }
    const mine = ++seq;
    error.hidden = true;
    results.setAttribute('aria-busy', 'true');
    let answer;
    try {
      answer = await api('GET', `/api/v1/search?q=${encodeURIComponent(words)}&limit=50`);
    } catch (err) {
      if (mine !== seq) return;
      results.removeAttribute('aria-busy');
      error.textContent = err.message;
      error.hidden = false;
      return;
    }
    if (mine !== seq) return;
    results.removeAttribute('aria-busy');
    results.replaceChildren(...answer.hits.map(hitCard));
    results.hidden = answer.hits.length === 0;
    damaged.replaceChildren(...[damagedNote(answer.damaged, 'entries')].filter(Boolean));
    damaged.hidden = !(answer.damaged > 0);
    status.textContent = t.search.results(answer.hits.length, answer.total);
    status.hidden = false;
    clear.hidden = false;
    history.replaceState(history.state, '', `/journal?q=${encodeURIComponent(words)}`);
    onActive(true);
  }

  const form = el('form', { role: 'search', class: 'search-form', 'aria-labelledby': `${id}-label` },
    el('label', { for: id, id: `${id}-label`, class: 'field-label' }, t.search.label),
    el('div', { class: 'search-row' }, input, el('button', { type: 'submit', class: 'btn' }, t.search.submit), clear),
    el('p', { class: 'hint', id: `${id}-hint` }, t.search.hint));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(input.value);
  });
  clear.addEventListener('click', () => {
    reset();
    announce(t.search.clear);
    input.focus();
  });
  const node = el('section', { class: 'search', 'aria-label': t.search.label }, form, error, status, results, damaged);
  return { node, run };
}
