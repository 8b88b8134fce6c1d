// Today: practice this week, days first, in the person's own zone. Never a
// count of what was missed.
import { api } from '../api.js';
import { r } from '../strings-reflect.js';
import { el, timeZone, damagedNote, replace } from '../ui.js';

export function practiceCard() {
  const days = el('p', { class: 'lead', 'data-testid': 'practice-days' });
  const minutes = el('p', { class: 'hint' });
  const damaged = el('div');
  // a plain section, not a boxed card: it reports, it asks nothing
  const card = el('section', { class: 'stack practice-card', 'aria-labelledby': 'practice-card-h', hidden: true, 'data-testid': 'practice-card' },
    el('h2', { id: 'practice-card-h' }, r.practiceCard.title), days, minutes, damaged,
    el('p', {}, el('a', { href: '/practice' }, r.practiceCard.go)));
  api('GET', `/api/v1/stats/practice?tz=${encodeURIComponent(timeZone())}`).then((st) => {
    days.textContent = r.practiceCard.days(st.week.days);
    minutes.textContent = r.practiceCard.minutes(st.week.minutes);
    replace(damaged, damagedNote(st.damaged, 'sessions'));
    card.hidden = false;
  }).catch(() => { card.hidden = true; });
  return card;
}
