// An address the app does not know.
import { t } from '../strings.js';
import { el, pageHeading } from '../ui.js';

export async function render(ctx) {
  ctx.main.replaceChildren(
    el('section', { class: 'card stack' },
      pageHeading(t.notFound.title),
      el('p', {}, t.notFound.body),
      el('p', {}, el('a', { href: '/today' }, t.notFound.home))));
}
