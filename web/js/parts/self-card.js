// Today's card for Boundaries & goals: my partner's shared boundaries
// waiting for me to read them, and their notes of support on my goals
// that I have not put away. Nothing when there is nothing to do.
import { api } from '../api.js';
import { b } from '../strings-self.js';
import { el } from '../ui.js';

export async function selfCard(other) {
  if (!other) return null;
  const [bs, gs] = await Promise.all([
    api('GET', '/api/v1/boundaries?filter=theirs&limit=100'),
    api('GET', '/api/v1/goals?filter=mine&limit=100'),
  ]);
  const waiting = bs.items.filter((x) => x.status && !x.status.acknowledged && !x.status.discuss).length;
  const support = gs.items.reduce((n, g) => n + (g.notes || []).filter((x) => x.sort === 'support' && !x.dismissed).length, 0);
  if (!waiting && !support) return null;
  return el('li', { class: 'due', 'data-testid': 'self-card' },
    el('p', { class: 'due-title' }, b.card.title),
    waiting ? el('p', { class: 'hint' }, b.card.waiting(other.name, waiting)) : null,
    support ? el('p', { class: 'hint' }, b.card.support(other.name, support)) : null,
    el('a', { href: '/boundaries', class: 'btn' }, b.card.open));
}
