// Today: a greeting, what is due, and what the partner shared lately.
import { api } from '../api.js';
import { me, partner } from '../session.js';
import { t } from '../strings.js';
import { el, hourOf, isToday, longDate, pageHeading } from '../ui.js';
import { entryCard } from '../parts/entries.js';
import { inviteSection } from '../parts/invite.js';
import { partnerLeftNotice } from '../parts/partner-left.js';
import { selfCard } from '../parts/self-card.js';
import { questionCard } from '../parts/question.js';
import { checkinCard } from '../parts/checkin-card.js';
import { promptCard } from '../parts/prompt-card.js';
import { responsesCard } from '../parts/responses-card.js';
import { practiceCard } from '../parts/practice-card.js';
import { checkDueCard } from '../parts/check-due.js';
import { pulseDueCard } from '../parts/pulse-due.js';

function partOfDay(hour) {
  if (hour < 12) return t.today.morning;
  if (hour < 18) return t.today.afternoon;
  return t.today.evening;
}

export async function render(ctx) {
  const self = me();
  const other = partner();
  const [mine, shared] = await Promise.all([
    api('GET', '/api/v1/journal?filter=mine&offset=0&limit=1'),
    other ? api('GET', '/api/v1/journal?filter=shared&offset=0&limit=20') : Promise.resolve(null),
  ]);
  const [selfDue, questionDue, checkinDue, pulseDue, checkDue] = await Promise.all([
    selfCard(other), questionCard(other), checkinCard(), pulseDueCard(), checkDueCard()]);
  if (ctx.stale()) return;

  const wrote = mine.items.length > 0 && isToday(mine.items[0].created_at);
  const due = el('ul', { class: 'due-list' });
  if (wrote) {
    due.append(el('li', { class: 'due due--done' },
      el('p', { class: 'due-title' }, t.today.wroteToday),
      el('p', { class: 'hint' }, t.today.wroteTodayHint)));
  } else {
    due.append(el('li', { class: 'due' },
      el('p', { class: 'due-title' }, t.today.writeToday),
      el('p', { class: 'hint' }, t.today.writeTodayHint),
      el('a', { href: '/journal?write=1', class: 'btn btn--primary' }, t.today.write)));
  }

  if (selfDue) due.append(selfDue);
  if (questionDue) due.append(questionDue);
  if (checkinDue) due.append(checkinDue);
  if (pulseDue) due.append(pulseDue);
  if (checkDue) due.append(checkDue);

  const sections = [
    el('div', { class: 'welcome stack' },
      pageHeading(t.today.greeting(partOfDay(hourOf()), self.name)),
      el('p', { class: 'lead date' }, longDate())),
    el('section', { class: 'stack', 'aria-labelledby': 'due-h' },
      el('h2', { id: 'due-h' }, t.today.dueTitle),
      due),
  ];

  if (!other) {
    const left = partnerLeftNotice();
    if (left) sections.push(left);
    sections.push(inviteSection({ lead: t.today.inviteHint }));
  } else {
    const theirs = shared.items.filter((e) => !e.mine).slice(0, 3);
    sections.push(el('section', { class: 'stack from-partner', 'aria-labelledby': 'from-h' },
      el('h2', { id: 'from-h' }, el('span', { class: 'dot dot--theirs', 'aria-hidden': 'true' }), t.today.fromPartner(other.name)),
      theirs.length
        ? el('ul', { class: 'entry-list' }, theirs.map(entryCard))
        : el('p', { class: 'empty' }, t.today.nothingShared(other.name)),
      theirs.length ? el('p', {}, el('a', { href: '/journal?filter=shared' }, t.today.seeAll)) : null));
  }
  // Once I wrote today, "that is enough" stands alone: the prompt waits
  // on the Journal page rather than asking for more.
  if (!wrote) sections.push(promptCard({ quiet: true }));
  sections.push(responsesCard());
  sections.push(practiceCard());
  ctx.main.replaceChildren(...sections);
}
