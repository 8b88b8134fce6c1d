// "Invite your partner": make a one-time link and offer to copy it.
import { api } from '../api.js';
import { t } from '../strings.js';
import { el, nextId, copyText, formMessage, busy, when } from '../ui.js';

/* A section element; headingLevel picks h1 (its own step) or h2;
 * primary makes "Make a link" the page's main action. */
export function inviteSection({ headingLevel = 'h2', lead = t.invite.lead, after = null, onMade = null, primary = false } = {}) {
  const headId = nextId('invite');
  const msg = formMessage();
  const result = el('div', { class: 'stack', hidden: true });
  const make = el('button', { type: 'button', class: primary ? 'btn btn--primary' : 'btn' }, t.invite.make);
  make.addEventListener('click', () => busy(make, async () => {
    msg.clear();
    try {
      const inv = await api('POST', '/api/v1/invites');
      showLink(inv);
      make.hidden = true;
      if (onMade) onMade(inv);
    } catch (err) {
      msg.show(err.code === 'full' ? t.invite.full : err.message);
    }
  }));

  function showLink(inv) {
    const linkId = nextId('link');
    const url = `${location.origin}${inv.link || `/join#${inv.code}`}`;
    const input = el('textarea', { id: linkId, readonly: true, rows: 2, class: 'link-field', spellcheck: 'false', 'data-testid': 'invite-link' });
    input.value = url;
    input.addEventListener('focus', () => input.select());
    const note = el('p', { class: 'copy-note', role: 'status', 'aria-live': 'polite' });
    const copy = el('button', { type: 'button', class: 'btn btn--primary' }, t.invite.copy);
    copy.addEventListener('click', async () => {
      if (await copyText(url)) note.textContent = t.invite.copied;
      else { input.focus(); note.textContent = t.recovery.copyFailed; }
    });
    result.replaceChildren(
      el('div', { class: 'field' }, el('label', { for: linkId }, t.invite.linkLabel), input),
      el('div', { class: 'inline' }, copy, note),
      el('p', { class: 'hint' }, t.invite.expires(when(inv.expires_at))));
    result.hidden = false;
    input.focus();
  }

  const heading = el(headingLevel, { id: headId, class: headingLevel === 'h1' ? 'page-title' : null, tabindex: headingLevel === 'h1' ? '-1' : null }, t.invite.title);
  return el('section', { class: 'card stack invite', 'aria-labelledby': headId },
    heading,
    el('p', {}, lead),
    el('div', { class: 'actions actions--start' }, make),
    msg.node,
    result,
    after);
}
