// An "Edit" action for one of my records in a list (a practice session, a
// reaction): the button opens a small form under the item with the fields
// given, filled with what is stored; saving sends the changes with PUT
// (the server checks them as it checks a new record) and shows its words
// when it refuses.
import { api } from '../api.js';
import { el, field, formMessage, busy, announce } from '../ui.js';
import { s } from '../strings-selfcare.js';

/*
 * itemEditor({ path, title, fields: [{ name, label, value, multiline, type, min, max, hint }],
 *   body(values) → the PUT body, onSaved() }) → { button, form }
 */
export function itemEditor({ path, title, fields, body, onSaved }) {
  const parts = fields.map((f) => {
    const fl = field({ label: f.label, name: f.name, type: f.type || 'text', multiline: f.multiline, rows: 2,
      value: f.value, hint: f.hint, optional: f.optional });
    if (f.min !== undefined) fl.input.setAttribute('min', String(f.min));
    if (f.max !== undefined) fl.input.setAttribute('max', String(f.max));
    return { name: f.name, fl };
  });
  const msg = formMessage();
  const save = el('button', { type: 'submit', class: 'btn btn--primary btn--small' }, s.edit.save);
  const cancel = el('button', { type: 'button', class: 'btn btn--small' }, s.edit.cancel);
  const form = el('form', { class: 'stack item-edit', novalidate: true, hidden: true, 'aria-label': title },
    parts.map((p) => p.fl.wrap), msg.node, el('div', { class: 'actions' }, cancel, save));
  const button = el('button', { type: 'button', class: 'btn btn--small', 'aria-expanded': 'false' }, s.edit.button);

  function open(on) {
    form.hidden = !on;
    button.setAttribute('aria-expanded', String(on));
    if (on) parts[0].fl.input.focus();
  }
  button.addEventListener('click', () => open(form.hidden));
  cancel.addEventListener('click', () => { open(false); button.focus(); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    const values = Object.fromEntries(parts.map((p) => [p.name, p.fl.input.value.trim()]));
    busy(save, async () => {
      try {
        await api('PUT', path, body(values));
      } catch (err) {
        msg.show(err.message);
        return;
      }
      announce(s.edit.saved);
      await onSaved();
    });
  });
  return { button, form };
}
