// Today's card for check-ins: the next one (or the one under way) and the
// agreements due. Nothing when there is no schedule, no check-in and
// nothing due.
import { api } from '../api.js';
import { c } from '../strings-checkin.js';
import { el } from '../ui.js';

export async function checkinCard() {
  const [sched, agenda] = await Promise.all([
    api('GET', '/api/v1/checkin/schedule'),
    api('GET', '/api/v1/checkin/agenda'),
  ]);
  let cur = null;
  try {
    cur = await api('GET', '/api/v1/checkin/current');
  } catch (err) {
    if (err.status !== 404) throw err;
  }
  const underWay = cur !== null;
  // the state read from marks that could not be read (a damaged file) may
  // be out of date: said, not guessed
  const dueDamaged = agenda.due.filter((a) => a.marks_damaged > 0).length;
  if (!sched.next && !underWay && !agenda.due.length) return null;
  let next = null;
  if (sched.next) {
    next = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: sched.schedule.zone,
    }).format(new Date(sched.next));
  }
  return el('li', { class: 'due', 'data-testid': 'checkin-card' },
    el('p', { class: 'due-title' }, underWay ? c.todayUnderWay : c.todayNext(next)),
    underWay && cur.marks_damaged > 0 ? el('p', { class: 'hint damaged-note', 'data-testid': 'damaged-marks' }, c.marksDamaged(cur.marks_damaged)) : null,
    agenda.due.length ? el('p', { class: 'hint' }, c.todayDue(agenda.due.length)) : null,
    agenda.due.length ? el('ul', { class: 'plain-list' },
      agenda.due.slice(0, 3).map((a) => el('li', {}, `${a.what} (${a.who_words})`))) : null,
    dueDamaged > 0 ? el('p', { class: 'hint damaged-note', 'data-testid': 'damaged-marks' }, c.todayDueDamaged(dueDamaged)) : null,
    el('a', { href: '/checkins', class: 'btn' }, c.todayOpen));
}
