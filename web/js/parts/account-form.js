// The name + passphrase-twice form used by setup and join.
import { limits, tooLong, tooShort } from '../limits.js';
import { t } from '../strings.js';
import { el, field, formMessage } from '../ui.js';
import { colourPicker } from './colours.js';

/*
 * extraFields: fields (from ui.field) shown before the name; check(), when
 * given, checks them: it shows their error and returns the input to focus,
 * or returns null when they are fine.
 * colour: the colour checked at first in the picker shown after the
 * passphrase.
 * onSubmit({name, passphrase, colour}, msg) is awaited; the form checks lengths
 * (against the server's limits) and the repeat first.
 */
export function accountForm({ extraFields = [], submitLabel, check = () => null, onSubmit, colour = 'teal' }) {
  const lim = limits();
  const name = field({ label: t.form.yourName, name: 'name', hint: t.form.yourNameHint, autocomplete: 'username', required: true, maxlength: lim.name.max });
  const pass = field({ label: t.form.passphrase, name: 'passphrase', type: 'password', hint: t.form.passphraseHint(lim.passphrase.min), autocomplete: 'new-password', required: true, maxlength: lim.passphrase.max });
  const again = field({ label: t.form.passphraseAgain, name: 'passphrase2', type: 'password', autocomplete: 'new-password', required: true, maxlength: lim.passphrase.max });
  const colours = colourPicker({ id: 'colour', selected: colour });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn btn--primary' }, submitLabel);
  const form = el('form', { class: 'stack', novalidate: true },
    extraFields.map((f) => f.wrap), name.wrap, pass.wrap, again.wrap, colours.wrap, msg.node,
    el('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.clear();
    const values = { name: name.input.value.normalize('NFC').trim(), passphrase: pass.input.value, colour: colours.value() };
    let bad = check();
    if (!values.name) { name.setError(t.form.nameNeeded); bad = bad || name.input; }
    else if (tooLong(values.name, lim.name)) { name.setError(t.form.nameTooLong); bad = bad || name.input; }
    if (tooShort(values.passphrase, lim.passphrase)) { pass.setError(t.form.tooShort(lim.passphrase.min)); bad = bad || pass.input; }
    else if (tooLong(values.passphrase, lim.passphrase)) { pass.setError(t.form.passphraseTooLong); bad = bad || pass.input; }
    else if (values.passphrase !== again.input.value) { again.setError(t.form.mismatch); bad = bad || again.input; }
    if (bad) { bad.focus(); return; }
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = t.form.working;
    try {
      await onSubmit(values, msg);
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        submit.textContent = label;
      }
    }
  });
  return { form, name, pass, again, msg };
}
