// The journal's filters beyond whose: a tag, a mood, a date range (days in
// the person's zone, both included). Folded away until opened; says how
// many are on. onChange() runs when they are applied or cleared.
import { r } from '../strings-reflect.js';
import { el, field, nextId, timeZone } from '../ui.js';

export function journalFilters(onChange, initial = {}) {
  const tag = field({ label: r.filters.tag, name: 'tag', maxlength: 160, value: initial.tag || '' });
  const moodId = nextId('mood');
  const mood = el('select', { id: moodId, name: 'mood' },
    el('option', { value: '' }, r.filters.anyMood),
    [1, 2, 3, 4, 5].map((n) => el('option', { value: String(n) }, r.mood.level(n))));
  mood.value = initial.mood || '';
  const from = field({ label: r.filters.from, name: 'from', type: 'date', value: initial.from || '' });
  const to = field({ label: r.filters.to, name: 'to', type: 'date', value: initial.to || '' });
  const apply = el('button', { type: 'submit', class: 'btn btn--primary' }, r.filters.apply);
  const clear = el('button', { type: 'button', class: 'btn btn--quiet' }, r.filters.clear);
  const summary = el('summary', {}, r.filters.title);
  const form = el('form', { class: 'stack filters-form', novalidate: true },
    tag.wrap,
    el('div', { class: 'field' }, el('label', { for: moodId }, r.filters.mood), mood),
    el('div', { class: 'filters-dates' }, from.wrap, to.wrap),
    el('div', { class: 'actions actions--start' }, apply, clear));
  const node = el('details', { class: 'filters', 'data-testid': 'journal-filters' }, summary, form);

  function values() {
    return { tag: tag.input.value.trim(), mood: mood.value, from: from.input.value, to: to.input.value };
  }
  function label() {
    const n = Object.values(values()).filter(Boolean).length;
    summary.textContent = n ? r.filters.titleOn(n) : r.filters.title;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (from.input.value && to.input.value && to.input.value < from.input.value) {
      to.setError(r.filters.order);
      to.input.focus();
      return;
    }
    label();
    onChange();
  });
  clear.addEventListener('click', () => {
    tag.input.value = '';
    mood.value = '';
    from.input.value = '';
    to.input.value = '';
    label();
    onChange();
  });
  if (Object.values(initial).some(Boolean)) node.open = true;
  label();
  return {
    node,
    values,
    /* The query string's part for the API ("&tag=…&mood=…"), "" when none. */
    query() {
      const v = values();
      const q = new URLSearchParams();
      for (const k of ['tag', 'mood', 'from', 'to']) if (v[k]) q.set(k, v[k]);
      if (v.from || v.to) q.set('tz', timeZone());
      const s = q.toString();
      return s ? `&${s}` : '';
    },
  };
}
