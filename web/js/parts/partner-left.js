// The calm notice the one who stays sees after a partner left, with a way
// to put it away (the server forgets it; it goes by itself when someone new
// joins). Shown on Today and in Settings instead of "not joined yet".
import { api } from '../api.js';
import { space, setSpace } from '../session.js';
import { t } from '../strings.js';
import { el, busy, formMessage } from '../ui.js';

/* A notice element, or null when no partner left; once put away, it gives
 * its place to instead (an element, or nothing). */
export function partnerLeftNotice({ instead = null } = {}) {
  const sp = space();
  const left = sp && sp.partner_left;
  if (!left) return null;
  const msg = formMessage();
  const dismiss = el('button', { type: 'button', class: 'btn', 'data-testid': 'dismiss-partner-left' }, t.partnerLeft.dismiss);
  const node = el('div', { class: 'card stack', role: 'status', 'data-testid': 'partner-left' },
    el('p', {}, t.partnerLeft.text(left.name, left.at)),
    msg.node,
    el('div', { class: 'actions actions--start' }, dismiss));
  dismiss.addEventListener('click', () => busy(dismiss, async () => {
    msg.clear();
    try {
      setSpace(await api('DELETE', '/api/v1/space/notice'));
      if (instead) node.replaceWith(instead); else node.remove();
    } catch (err) {
      msg.show(err.message);
    }
  }));
  return node;
}
