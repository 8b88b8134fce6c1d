// Pages whose features come later: say plainly what each will do. No
// made-up data.
import { t } from '../strings.js';
import { el, pageHeading } from '../ui.js';

export async function render(ctx) {
  const s = t.soon[ctx.page];
  ctx.main.replaceChildren(
    el('section', { class: 'card stack soon' },
      el('p', { class: 'tag' }, t.soon.tag),
      pageHeading(s.title),
      el('p', { class: 'lead' }, s.body),
      el('p', {}, t.soon.meanwhile),
      el('p', {}, el('a', { href: '/journal', class: 'btn' }, t.soon.toJournal))));
}
