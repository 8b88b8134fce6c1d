// One journal entry: read it; if it is mine, edit, share or unshare, delete.
// A partner's private entry and a missing one look the same: "not found".
import { api } from '../api.js';
import { partner, partnerName } from '../session.js';
import { t } from '../strings.js';
import { el, announce, confirmDialog, pageHeading, when } from '../ui.js';
import { badge, entryTitle, ownership } from '../parts/entries.js';
import { composer } from '../parts/composer.js';
import { entryExtras } from '../parts/entry-extras.js';
import { responsesSection } from '../parts/responses.js';
import { shareEntry } from '../parts/share-entry.js';

export async function render(ctx) {
  const id = ctx.params[0];
  let entry;
  try {
    entry = await api('GET', `/api/v1/journal/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err.status === 404 || err.status === 400) return notFound(ctx);
    throw err;
  }
  if (ctx.stale()) return;
  show(ctx, entry);
}

function notFound(ctx) {
  ctx.main.replaceChildren(
    backLink(),
    el('section', { class: 'card stack' },
      pageHeading(t.journal.notFoundTitle),
      el('p', {}, t.journal.notFound)));
}

function backLink() {
  return el('p', { class: 'back' }, el('a', { href: '/journal' }, el('span', { 'aria-hidden': 'true' }, '← '), t.journal.back));
}

function ownerLine(entry) {
  const kind = ownership(entry);
  if (kind === 'mine') return t.journal.ownerMine;
  if (kind === 'ours') return partner() ? t.journal.ownerOurs(partner().name) : t.journal.ownerOursAlone;
  return t.journal.byPartner(entry.author || partnerName(t.yourPartner));
}

function show(ctx, entry) {
  ctx.guardLeaving(null);
  const kind = ownership(entry);
  const body = el('div', { class: 'prose' });
  // The one place HTML from the server is used: the entry body, rendered
  // from Markdown by cmark-gfm in safe mode (raw HTML and unsafe links are
  // dropped there, nesting and size capped), so it carries no script; the
  // CSP forbids inline script besides.
  body.innerHTML = entry.html || '';
  // Links open in a new tab, and the page they open neither controls this
  // one nor learns where the visitor came from.
  for (const a of body.querySelectorAll('a[href]')) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  // Task list boxes are read-only; say what each one shows.
  for (const box of body.querySelectorAll('input[type="checkbox"]')) {
    box.setAttribute('aria-label', box.checked ? t.journal.taskDone : t.journal.taskOpen);
  }

  const edited = entry.updated_at && entry.updated_at !== entry.created_at;
  const meta = el('p', { class: 'entry-meta' },
    badge(entry),
    el('span', { class: 'entry-date' },
      t.journal.written(when(entry.created_at)),
      edited ? `, ${t.journal.edited(when(entry.updated_at))}` : ''));

  let actions = null;
  if (entry.mine) {
    const other = partnerName(t.yourPartner);
    const edit = el('button', { type: 'button', class: 'btn' }, t.journal.edit);
    const toggle = el('button', { type: 'button', class: 'btn', 'data-action': entry.shared ? 'unshare' : 'share' },
      entry.shared ? t.journal.unshare : t.journal.share(other));
    const del = el('button', { type: 'button', class: 'btn btn--danger-quiet' }, t.journal.delete);
    edit.addEventListener('click', () => editView(ctx, entry));
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        const next = entry.shared
          ? await api('POST', `/api/v1/journal/${encodeURIComponent(entry.id)}/unshare`)
          : await shareEntry(entry);
        if (!next) {
          toggle.disabled = false;
          toggle.focus();
          return;
        }
        show(ctx, next);
        announce(next.shared ? t.journal.nowShared(other) : t.journal.nowPrivate);
        ctx.main.querySelector('[data-action]').focus();
      } catch (err) {
        toggle.disabled = false;
        announce(err.message);
      }
    });
    del.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: t.journal.deleteTitle,
        body: entry.shared && partner() ? t.journal.deleteBodyShared(entryTitle(entry), partner().name) : t.journal.deleteBody(entryTitle(entry)),
        confirm: t.journal.deleteConfirm,
        cancel: t.journal.keep,
        danger: true,
      });
      if (!ok) { del.focus(); return; }
      try {
        await api('DELETE', `/api/v1/journal/${encodeURIComponent(entry.id)}`);
      } catch (err) {
        announce(err.message);
        return;
      }
      ctx.navigate('/journal', { replace: true });
      announce(t.journal.deleted);
    });
    actions = el('div', { class: 'actions actions--start entry-actions' }, edit, toggle, del);
  }

  ctx.main.replaceChildren(
    backLink(),
    el('article', { class: `entry entry--${kind}`, 'aria-labelledby': 'entry-title' },
      el('header', { class: 'entry-head' },
        el('h1', { class: 'page-title', id: 'entry-title', tabindex: '-1' }, entryTitle(entry)),
        meta,
        el('p', { class: 'owner-line' }, ownerLine(entry))),
      entryExtras(entry),
      body,
      actions,
      responsesSection(entry)));
}

function editView(ctx, entry) {
  const c = composer({
    entry,
    onCancel: async () => {
      if (c.dirty() && !(await confirmDialog({
        title: t.unsaved.title, body: t.unsaved.body, confirm: t.unsaved.leave, cancel: t.unsaved.stay, danger: true,
      }))) return;
      show(ctx, entry);
      ctx.main.querySelector('h1').focus();
    },
    onSave: async (values, msg) => {
      const body = { text: values.text, title: values.title };
      let next;
      try {
        next = await api('PUT', `/api/v1/journal/${encodeURIComponent(entry.id)}`, body);
      } catch (err) {
        msg.show(err.message);
        return false;
      }
      show(ctx, next);
      ctx.main.querySelector('h1').focus();
      announce(t.journal.saved);
      return true;
    },
  });
  ctx.guardLeaving(c.dirty);
  ctx.main.replaceChildren(backLink(), el('section', { class: 'card' }, c.form));
  c.focus();
}
