// Today's card for the balance pulse: shown while this week's pulse (the
// week from the person's pulse day, in their own zone) is not yet given.
// Nothing once it is: one pulse a week, never a reminder of a missed one.
// It reads the light answer (this week only), never the map.
import { api } from '../api.js';
import { t } from '../strings.js';
import { el, timeZone } from '../ui.js';

/* The card as a list item for Today's due list, or null. */
export async function pulseDueCard() {
  const week = await api('GET', `/api/v1/balance/week?tz=${encodeURIComponent(timeZone())}`);
  if (week.given) return null;
  // "from" is a calendar day, not an instant: shown as it is
  const from = new Intl.DateTimeFormat(t.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(`${week.from}T00:00:00Z`));
  return el('li', { class: 'due', 'data-testid': 'pulse-due' },
    el('p', { class: 'due-title' }, t.balance.dueTitle),
    el('p', { class: 'hint' }, t.balance.dueWeek(from), ' ', t.balance.dueHint),
    el('a', { href: '/balance', class: 'btn' }, t.balance.dueGo));
}
