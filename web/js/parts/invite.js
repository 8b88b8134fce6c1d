// "Invite your partner": make a one-time link and offer to copy it, share
// it (the phone's share sheet, where the browser has one) or scan it (a QR
// code drawn from the matrix the server made with libqrencode). A link on
// an address that opens on this machine only says so instead.
import { api } from '../api.js';
import { t } from '../strings.js';
import { el, replace, nextId, copyText, formMessage, busy, when } from '../ui.js';

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
    const link = inv.link || `/join#${inv.code}`;
    const url = link.startsWith('/') ? `${location.origin}${link}` : link;
    const input = el('textarea', { id: linkId, readonly: true, rows: 2, class: 'link-field', spellcheck: 'false', 'data-testid': 'invite-link' });
    input.value = url;
    input.addEventListener('focus', () => input.select());
    const note = el('p', { class: 'copy-note', role: 'status', 'aria-live': 'polite' });
    const copy = el('button', { type: 'button', class: 'btn btn--primary' }, t.invite.copy);
    copy.addEventListener('click', async () => {
      if (await copyText(url)) note.textContent = t.invite.copied;
      else { input.focus(); note.textContent = t.recovery.copyFailed; }
    });
    let share = null;
    if (typeof navigator.share === 'function') {
      share = el('button', { type: 'button', class: 'btn', 'data-testid': 'invite-share' }, t.invite.share);
      share.addEventListener('click', async () => {
        try {
          await navigator.share({ title: t.invite.shareTitle, text: t.invite.shareText, url });
        } catch (err) {
          if (err && err.name !== 'AbortError') note.textContent = t.invite.shareFailed;
        }
      });
    }
    const local = inv.loopback === true;
    replace(result,
      local ? loopbackWarning(url) : null,
      el('div', { class: 'field' }, el('label', { for: linkId }, t.invite.linkLabel), input),
      el('div', { class: 'inline' }, copy, share, note),
      !local && inv.qr ? qrFigure(inv.qr) : null,
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

/* The link's host opens on this machine only: say so, and what to do. */
function loopbackWarning(url) {
  const host = new URL(url).host;
  return el('div', { class: 'invite-warning', role: 'note', 'data-testid': 'invite-loopback' },
    el('p', { class: 'invite-warning-title' }, t.invite.loopbackTitle),
    el('p', {}, t.invite.loopbackBody(host)));
}

const SVG = 'http://www.w3.org/2000/svg';
const QUIET = 4; /* modules of light margin, as the QR standard asks */

/* The QR code {size, modules: "0110…"} as an SVG: one path of dark runs on
 * a light square, dark on light whatever the colour scheme, so that a
 * camera reads it. */
function qrFigure(qr) {
  const n = qr.size;
  if (!Number.isInteger(n) || n < 21 || n > 177 || typeof qr.modules !== 'string' || qr.modules.length !== n * n) return null;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (qr.modules[y * n + x] !== '1') { x += 1; continue; }
      const start = x;
      while (x < n && qr.modules[y * n + x] === '1') x += 1;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
    }
  }
  const side = n + 2 * QUIET;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t.invite.qrLabel);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('data-testid', 'invite-qr');
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(side));
  bg.setAttribute('height', String(side));
  bg.setAttribute('fill', '#ffffff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000000');
  svg.append(bg, path);
  return el('figure', { class: 'qr-figure' }, svg, el('figcaption', { class: 'hint' }, t.invite.qrCaption));
}
