// The form for writing or editing an entry. Sharing is off by default and
// is offered only when writing a new entry (an existing one has its own
// share button); the choice sits right next to Save, which then says
// "Save and share". Editing a shared entry says who will see the changes.
import { api } from '../api.js';
import { limits, tooLong } from '../limits.js';
import { partnerName } from '../session.js';
import { t } from '../strings.js';
import { r } from '../strings-reflect.js';
import { el, field, formMessage, nextId, pageHeading } from '../ui.js';
import { attachCoach } from './coach.js';

/* Feeling words of the vocabulary (GET /api/v1/feelings) as checkboxes,
 * folded away until opened. */
function feelingsPicker() {
  const boxes = [];
  const body = el('div', { class: 'feelings-groups' });
  const wrap = el('details', { class: 'feelings-picker' },
    el('summary', {}, r.feelings.label, el('span', { class: 'label-note' }, ` ${t.form.optional}`)),
    el('p', { class: 'hint' }, r.feelings.hint), body);
  api('GET', '/api/v1/feelings').then((v) => {
    body.replaceChildren(...v.groups.map((g) => el('fieldset', { class: 'feelings-group' },
      el('legend', {}, g.label),
      el('div', { class: 'chips-row' }, g.words.map((w) => {
        const id = nextId('feel');
        const box = el('input', { type: 'checkbox', id, value: w });
        boxes.push(box);
        return el('span', { class: 'mood-item' }, box, el('label', { for: id }, w));
      })))));
  }).catch(() => { wrap.hidden = true; });
  return { wrap, value: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/* How I feel, 1..5, as a row of radio buttons (none chosen: not said). */
function moodPicker() {
  const name = nextId('mood');
  const boxes = [1, 2, 3, 4, 5].map((n) => el('input', { type: 'radio', name, id: `${name}-${n}`, value: String(n) }));
  const wrap = el('fieldset', { class: 'mood-picker', 'aria-describedby': `${name}-hint` },
    el('legend', {}, r.mood.legend),
    el('p', { class: 'hint', id: `${name}-hint` }, r.mood.hint),
    el('div', { class: 'mood-row' }, boxes.map((b, i) => el('span', { class: 'mood-item' }, b,
      el('label', { for: b.id }, r.mood.level(i + 1))))));
  return { wrap, value: () => { const b = boxes.find((x) => x.checked); return b ? Number(b.value) : null; } };
}

/*
 * entry: the entry being edited, or null for a new one; prompt: the prompt
 * a new entry is written from ({id, text, theme_label}), or null.
 * onSave({title, text, shared, prompt, mood, tags}, msg) is awaited and
 * returns true once saved; onCancel() leaves. dirty() says whether leaving
 * would lose text.
 */
export function composer({ entry = null, prompt = null, onSave, onCancel }) {
  const lim = limits().journal;
  const title = field({ label: t.journal.titleLabel, name: 'title', optional: true, maxlength: lim.title.max, value: entry ? entry.title : '' });
  const text = field({ label: t.journal.textLabel, name: 'text', hint: t.journal.textHint, multiline: true, rows: 10, maxlength: lim.text.max, value: entry ? entry.text : '' });
  const mood = entry ? null : moodPicker();
  const feelings = entry ? null : feelingsPicker();
  const tags = entry ? null : field({ label: r.tags.label, name: 'tags', optional: true, hint: r.tags.hint, maxlength: 500 });
  const fromPrompt = prompt
    ? el('div', { class: 'prompt-quote', 'data-testid': 'composer-prompt' },
      el('p', { class: 'hint' }, r.prompt.writingFrom), el('blockquote', {}, prompt.text))
    : null;
  const msg = formMessage();
  const initial = { title: title.input.value, text: text.input.value };
  let saved = false;
  let share = null;
  if (!entry) {
    const id = nextId('share');
    const box = el('input', { type: 'checkbox', id, name: 'shared', role: 'switch', 'aria-describedby': `${id}-hint` });
    const other = partnerName(t.yourPartner);
    const hint = el('p', { class: 'hint', id: `${id}-hint` }, t.journal.shareHint);
    box.addEventListener('change', () => {
      hint.textContent = box.checked ? t.journal.shareHintOn(other) : t.journal.shareHint;
    });
    share = { box, wrap: el('div', { class: 'share-toggle' },
      el('div', { class: 'check' }, box, el('label', { for: id }, t.journal.shareWith(other))),
      hint) };
  }
  // The coach speaks when the entry is written to the partner: a new one
  // with sharing on, or one already shared. A private entry is not sent.
  const coach = attachCoach(text.input, { active: () => Boolean(entry ? entry.shared : share && share.box.checked) });
  if (share) share.box.addEventListener('change', () => coach.refresh());
  const save = el('button', { type: 'submit', class: 'btn btn--primary' }, entry ? t.journal.saveChanges : t.journal.save);
  const saveLabel = () => (entry ? t.journal.saveChanges : share && share.box.checked ? t.journal.saveShare : t.journal.save);
  if (share) share.box.addEventListener('change', () => { save.textContent = saveLabel(); });
  const cancel = el('button', { type: 'button', class: 'btn btn--quiet' }, t.journal.cancel);
  cancel.addEventListener('click', onCancel);
  const seen = entry && entry.shared
    ? el('p', { class: 'share-note', 'data-testid': 'shared-edit-note' },
      el('span', { class: 'badge-dot', 'aria-hidden': 'true' }), t.journal.partnerWillSee(partnerName(t.yourPartner)))
    : null;
  const form = el('form', { class: 'stack composer', novalidate: true },
    pageHeading(entry ? t.journal.editTitle : t.journal.newTitle),
    seen, fromPrompt, title.wrap, text.wrap, mood ? mood.wrap : null, feelings ? feelings.wrap : null, tags ? tags.wrap : null, msg.node,
    el('div', { class: 'composer-foot' }, share ? share.wrap : null,
      el('div', { class: 'actions' }, cancel, save)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.clear();
    const values = { title: title.input.value.trim(), text: text.input.value, shared: share ? share.box.checked : undefined };
    if (prompt) values.prompt = prompt.id;
    if (mood && mood.value()) values.mood = mood.value();
    if (feelings && feelings.value().length) values.feelings = feelings.value();
    if (tags) {
      values.tags = tags.input.value.split(',').map((x) => x.trim()).filter(Boolean);
      if (values.tags.length > 10) {
        tags.setError(r.tags.tooMany);
        tags.input.focus();
        return;
      }
    }
    if (tooLong(values.title, lim.title)) {
      title.setError(t.journal.titleTooLong);
      title.input.focus();
      return;
    }
    if (!values.text.trim()) {
      text.setError(t.journal.textNeeded);
      text.input.focus();
      return;
    }
    if (tooLong(values.text, lim.text)) {
      text.setError(t.errors.tooBig);
      text.input.focus();
      return;
    }
    save.disabled = true;
    save.textContent = t.form.working;
    // Saving: leaving now (to the saved entry) loses nothing, unless the
    // save fails.
    saved = true;
    try {
      if (!(await onSave(values, msg))) saved = false;
    } finally {
      if (save.isConnected) {
        save.disabled = false;
        save.textContent = saveLabel();
      }
    }
  });
  return {
    form,
    focus: () => (entry ? text.input : title.input).focus(),
    /* Whether leaving now would lose what was typed. */
    dirty: () => !saved && (title.input.value !== initial.title || text.input.value !== initial.text),
  };
}
