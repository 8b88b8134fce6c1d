// "Forgot your passphrase?": the recovery code and a new passphrase, then
// straight in. Throttled by the server like a log-in.
import { api } from '../api.js';
import { limits, tooLong, tooShort } from '../limits.js';
import { setSession } from '../session.js';
import { t } from '../strings.js';
import { browserZone, el, announce, field, formMessage, pageHeading } from '../ui.js';

export async function render(ctx) {
  const lim = limits();
  const name = field({ label: t.recover.name, name: 'name', autocomplete: 'username', required: true, maxlength: lim.name.max });
  const code = field({ label: t.recover.code, name: 'code', autocomplete: 'off', required: true, maxlength: 128 });
  code.input.setAttribute('autocapitalize', 'characters');
  code.input.setAttribute('spellcheck', 'false');
  const pass = field({ label: t.recover.newPass, name: 'passphrase', type: 'password', hint: t.form.passphraseHint(lim.passphrase.min), autocomplete: 'new-password', required: true, maxlength: lim.passphrase.max });
  const again = field({ label: t.recover.newPassAgain, name: 'passphrase2', type: 'password', autocomplete: 'new-password', required: true, maxlength: lim.passphrase.max });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn btn--primary' }, t.recover.submit);
  const form = el('form', { class: 'stack', novalidate: true },
    name.wrap, code.wrap, pass.wrap, again.wrap, msg.node, el('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.clear();
    const values = { name: name.input.value.trim(), code: code.input.value.trim().toUpperCase(), passphrase: pass.input.value };
    let bad = null;
    if (!values.name) { name.setError(t.form.nameNeeded); bad = name.input; }
    if (!values.code) { code.setError(t.recover.codeNeeded); bad = bad || code.input; }
    if (tooShort(values.passphrase, lim.passphrase)) { pass.setError(t.form.tooShort(lim.passphrase.min)); bad = bad || pass.input; }
    else if (tooLong(values.passphrase, lim.passphrase)) { pass.setError(t.form.passphraseTooLong); bad = bad || pass.input; }
    else if (values.passphrase !== again.input.value) { again.setError(t.form.mismatch); bad = bad || again.input; }
    if (bad) { bad.focus(); return; }
    submit.disabled = true;
    submit.textContent = t.form.working;
    try {
      await api('POST', '/api/v1/recover', values);
      const s = await api('POST', '/api/v1/session', { name: values.name, passphrase: values.passphrase, zone: browserZone() });
      setSession(s);
      ctx.navigate('/today', { replace: true });
      announce(t.recover.done);
    } catch (err) {
      msg.show(err.status === 401 ? t.recover.wrong : err.message);
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        submit.textContent = t.recover.submit;
      }
    }
  });
  ctx.main.replaceChildren(
    el('div', { class: 'welcome stack' }, pageHeading(t.recover.title), el('p', { class: 'lead' }, t.recover.lead)),
    el('section', { class: 'card' }, form),
    el('p', { class: 'hint' }, t.recover.noCode),
    el('p', {}, el('a', { href: '/login' }, t.recover.back)));
}
