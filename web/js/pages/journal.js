// The journal: a list with a filter (all, mine, shared) that pages by the
// server's cursor ("Load more" follows "next"), and the composer at
// /journal?write=1.
import { api } from '../api.js';
import { partner, partnerName } from '../session.js';
import { t } from '../strings.js';
import { el, announce, nextId, pageHeading, damagedNote, replace } from '../ui.js';
import { entryCard } from '../parts/entries.js';
import { askBeforeSharing, shareEntry } from '../parts/share-entry.js';
import { composer } from '../parts/composer.js';
import { searchBox } from '../parts/search.js';
import { findPrompt, promptCard } from '../parts/prompt-card.js';
import { journalFilters } from '../parts/journal-filters.js';
import { r } from '../strings-reflect.js';

const PAGE = 20;
const FILTERS = ['all', 'mine', 'shared'];

export async function render(ctx) {
  const query = new URLSearchParams(location.search);
  if (query.get('write')) return renderComposer(ctx, query.get('prompt'));
  const filter = FILTERS.includes(query.get('filter')) ? query.get('filter') : 'all';
  return renderList(ctx, filter, query.get('q') || '');
}

async function renderComposer(ctx, promptId) {
  const prompt = promptId ? await findPrompt(promptId) : null;
  if (ctx.stale()) return;
  const c = composer({
    prompt,
    onCancel: () => ctx.navigate('/journal'),
    onSave: async (values, msg) => {
      // saved and shared at once: the same question as the Share button;
      // "not yet" keeps the composer open with the text as it is
      if (values.shared && !await askBeforeSharing(values.text)) return false;
      const body = { text: values.text, shared: Boolean(values.shared) };
      if (values.title) body.title = values.title;
      for (const k of ['prompt', 'mood', 'feelings', 'tags']) if (values[k] !== undefined) body[k] = values[k];
      let entry;
      try {
        entry = await api('POST', '/api/v1/journal', body);
      } catch (err) {
        msg.show(err.message);
        return false;
      }
      ctx.navigate(`/journal/${encodeURIComponent(entry.id)}`, { replace: true });
      announce(entry.shared ? t.journal.savedShared(partnerName(t.yourPartner)) : t.journal.savedPrivate);
      return true;
    },
  });
  ctx.guardLeaving(c.dirty, '/journal');
  ctx.main.replaceChildren(el('section', { class: 'card' }, c.form));
}

/* An entry in the list; mine and private, with a partner here: a Share
 * button that asks the coach first, as the entry's own page does. */
function card(entry) {
  const li = entryCard(entry);
  const other = partner();
  if (!other || !entry.mine || entry.shared) return li;
  const title = li.querySelector('.entry-title');
  title.id = nextId('entry-title');
  const share = el('button', { type: 'button', class: 'btn btn--small', 'aria-describedby': title.id },
    t.journal.share(other.name));
  share.addEventListener('click', async () => {
    share.disabled = true;
    let next;
    try {
      next = await shareEntry(entry);
    } catch (err) {
      share.disabled = false;
      announce(err.message);
      return;
    }
    if (!next) {
      share.disabled = false;
      share.focus();
      return;
    }
    const fresh = card(next);
    li.replaceWith(fresh);
    fresh.querySelector('a').focus();
    announce(t.journal.nowShared(other.name));
  });
  li.append(el('div', { class: 'actions actions--start entry-card-actions' }, share));
  return li;
}

async function renderList(ctx, initialFilter, initialSearch = '') {
  let filter = initialFilter;
  let cursor = null;
  const list = el('ul', { class: 'entry-list', 'aria-busy': 'false' });
  // Says how many entries a filter shows, for screen readers only.
  const live = el('p', { class: 'visually-hidden', role: 'status' });
  const empty = el('p', { class: 'empty', hidden: true });
  const count = el('p', { class: 'hint count', hidden: true });
  const more = el('button', { type: 'button', class: 'btn', hidden: true }, t.journal.loadMore);
  const error = el('p', { class: 'form-message form-message--error', role: 'alert', hidden: true });
  const filters = journalFilters(() => load(true, true));
  // entries the pages so far left out: they could not be read
  const damaged = el('div');
  let damagedCount = 0;

  async function load(reset, announceCount = false) {
    if (reset) cursor = null;
    list.setAttribute('aria-busy', 'true');
    more.disabled = true;
    error.hidden = true;
    let page;
    try {
      const from = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      page = await api('GET', `/api/v1/journal?filter=${filter}&limit=${PAGE}${from}${filters.query()}`);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      return;
    } finally {
      list.setAttribute('aria-busy', 'false');
      more.disabled = false;
    }
    if (ctx.stale()) return;
    if (reset) list.replaceChildren();
    const firstNew = list.children.length;
    list.append(...page.items.map(card));
    cursor = page.next;
    damagedCount = (reset ? 0 : damagedCount) + page.damaged;
    replace(damaged, damagedNote(damagedCount, 'entries'));
    const shown = list.children.length;
    more.hidden = !cursor;
    count.hidden = shown <= PAGE && !cursor;
    count.textContent = t.journal.count(shown, Boolean(cursor));
    // "nothing yet" would be untrue when some could not be read
    empty.hidden = list.children.length > 0 || damagedCount > 0;
    list.hidden = list.children.length === 0;
    empty.textContent = filters.query() ? r.filters.none
      : filter === 'mine' ? t.journal.emptyMine : filter === 'shared' ? t.journal.emptyShared : t.journal.empty;
    if (reset && announceCount) live.textContent = t.journal.listed(shown, Boolean(cursor));
    // After "Load more", keyboard focus continues at the first new entry.
    if (!reset && list.children[firstNew]) list.children[firstNew].querySelector('a').focus();
  }

  const groupId = nextId('filter');
  const radios = FILTERS.map((f) => {
    const id = `${groupId}-${f}`;
    const input = el('input', { type: 'radio', name: 'filter', id, value: f, checked: f === filter });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      filter = f;
      history.replaceState(history.state, '', f === 'all' ? '/journal' : `/journal?filter=${f}`);
      load(true, true);
    });
    return el('span', { class: 'seg-item' }, input, el('label', { for: id }, t.journal[f]));
  });
  more.addEventListener('click', () => load(false));

  const prompt = promptCard();
  await load(true);
  if (ctx.stale()) return;
  // While a search shows its results, the ordinary list steps aside.
  const listArea = el('div', { class: 'journal-list' },
    el('fieldset', { class: 'segmented' }, el('legend', { class: 'visually-hidden' }, t.journal.filterLegend), radios),
    filters.node,
    live, error, list, empty, damaged,
    el('div', { class: 'list-foot' }, count, more),
    // below the list: the filters stay where the hand expects them
    prompt);
  const search = searchBox({ initial: initialSearch, onActive: (active) => { listArea.hidden = active; } });
  ctx.main.replaceChildren(
    el('div', { class: 'page-head' },
      pageHeading(t.journal.title),
      el('a', { href: '/journal?write=1', class: 'btn btn--primary btn--write' }, t.journal.write)),
    search.node,
    listArea);
  if (initialSearch) search.run(initialSearch);
}
