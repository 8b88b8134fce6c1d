// What is still to come, on one page: say plainly what each feature will
// do. No made-up data.
import { t } from '../strings.js';
import { el, pageHeading } from '../ui.js';

export async function render(ctx) {
  ctx.main.replaceChildren(
    el('div', { class: 'welcome stack' },
      pageHeading(t.soon.tag),
      el('p', { class: 'lead' }, t.soon.lead)),
    el('ul', { class: 'soon-list stack' },
      t.soon.features.map((f) => el('li', { class: 'card stack soon' },
        el('h2', {}, f.title),
        el('p', {}, f.body)))),
    el('p', {}, t.soon.meanwhile, ' ', el('a', { href: '/journal' }, t.soon.toJournal)));
}
