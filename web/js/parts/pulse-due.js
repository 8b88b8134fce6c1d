// Today's card for the balance pulse: shown while this week's pulse (the
// week from Monday, in the person's own zone) is not yet given. Nothing
// once it is: one pulse a week, never a reminder of a missed one.
import { api } from '../api.js';
import { t } from '../strings.js';
import { el, timeZone } from '../ui.js';

/* The card as a list item for Today's due list, or null. */
export async function pulseDueCard() {
  const bal = await api('GET', `/api/v1/balance?tz=${encodeURIComponent(timeZone())}`);
  if (bal.week.given) return null;
  return el('li', { class: 'due', 'data-testid': 'pulse-due' },
    el('p', { class: 'due-title' }, t.balance.dueTitle),
    el('p', { class: 'hint' }, t.balance.dueHint),
    el('a', { href: '/balance', class: 'btn' }, t.balance.dueGo));
}
