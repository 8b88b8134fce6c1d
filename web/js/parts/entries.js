// How an entry shows whose it is: "mine" (private, my colour), "ours"
// (I shared it, both colours), "theirs" (my partner shared it, their colour).
import { partnerName } from '../session.js';
import { t } from '../strings.js';
import { r } from '../strings-reflect.js';
import { el, excerpt, when } from '../ui.js';

export function ownership(entry) {
  if (!entry.mine) return 'theirs';
  return entry.shared ? 'ours' : 'mine';
}

export function badge(entry) {
  const kind = ownership(entry);
  const text = kind === 'mine' ? t.journal.badgeMine
    : kind === 'ours' ? t.journal.badgeOurs
      : t.journal.badgeTheirs(entry.author || partnerName(t.yourPartner));
  return el('span', { class: `badge badge--${kind}` }, el('span', { class: 'badge-dot', 'aria-hidden': 'true' }), text);
}

/* The title, or else the entry's first line (as plain text, cut to a
 * heading's length), or else "Untitled". */
export function entryTitle(entry) {
  if (entry.title && entry.title.trim()) return entry.title;
  const first = String(entry.text || '').split('\n').map((l) => excerpt(l, 80)).find((l) => l);
  return first || t.journal.untitled;
}

/* The mood and tags of an entry in a list, small, so a list filtered by a
 * tag or a mood shows why each entry is in it; null when it has neither. */
function cardChips(entry) {
  const chips = [];
  if (entry.mood) chips.push(el('li', { class: 'chip chip--mood' }, r.mood.shown(entry.mood)));
  for (const tag of entry.tags || []) chips.push(el('li', { class: 'chip chip--tag' }, `#${tag}`));
  return chips.length ? el('ul', { class: 'chips chips--card', 'data-testid': 'card-chips' }, chips) : null;
}

/* One entry in a list: a link to it, with its badge, date, a plain excerpt,
 * and its mood and tags. */
export function entryCard(entry) {
  const kind = ownership(entry);
  return el('li', { class: `entry-card entry--${kind}`, 'data-entry-id': entry.id },
    el('a', { href: `/journal/${encodeURIComponent(entry.id)}`, class: 'entry-link' },
      el('span', { class: 'entry-title' }, entryTitle(entry))),
    el('p', { class: 'entry-meta' }, badge(entry), el('span', { class: 'entry-date' }, el('time', { datetime: entry.created_at }, when(entry.created_at)))),
    entry.text ? el('p', { class: 'entry-excerpt' }, excerpt(entry.text)) : null,
    cardChips(entry));
}
