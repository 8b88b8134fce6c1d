// Today's card for the differentiation check: shown when a taking is
// suggested (none yet, or the last one is older than the interval, three
// months by default) or when one is waiting half-way. Nothing otherwise:
// differentiation changes slowly, and the check never nags.
import { api } from '../api.js';
import { a } from '../strings-assess.js';
import { el } from '../ui.js';

/* The card as a list item for Today's due list, or null. */
export async function checkDueCard() {
  const rep = await api('GET', '/api/v1/results');
  const u = rep.unfinished;
  if (!u && !(rep.due && rep.due.due)) return null;
  return el('li', { class: 'due due--check' },
    el('p', { class: 'due-title' }, u ? a.dueResume : (rep.takings.length ? a.dueAgain(rep.due.every_months) : a.dueFirst)),
    el('p', { class: 'hint' }, a.dueHint),
    el('a', { href: '/check/take', class: 'btn' }, u ? a.resume(u.answered, u.items) : a.start));
}
