// Log in with name and passphrase.
import { api } from '../api.js';
import { limits } from '../limits.js';
import { setSession } from '../session.js';
import { t } from '../strings.js';
import { browserZone, el, field, formMessage, pageHeading } from '../ui.js';

export async function render(ctx) {
  const lim = limits();
  const name = field({ label: t.login.name, name: 'name', autocomplete: 'username', required: true, maxlength: lim.name.max });
  const pass = field({ label: t.form.passphrase, name: 'passphrase', type: 'password', autocomplete: 'current-password', required: true, maxlength: lim.passphrase.max });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn btn--primary' }, t.login.submit);
  const form = el('form', { class: 'stack', novalidate: true }, name.wrap, pass.wrap, msg.node, el('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.clear();
    const values = { name: name.input.value.trim(), passphrase: pass.input.value };
    if (!values.name) { name.setError(t.form.nameNeeded); name.input.focus(); return; }
    if (!values.passphrase) { pass.setError(t.login.wrong); pass.input.focus(); return; }
    submit.disabled = true;
    submit.textContent = t.form.working;
    try {
      const s = await api('POST', '/api/v1/session', { ...values, zone: browserZone() });
      setSession(s);
      ctx.navigate('/today', { replace: true });
    } catch (err) {
      msg.show(err.status === 401 ? t.login.wrong : err.message);
      pass.input.select();
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        submit.textContent = t.login.submit;
      }
    }
  });
  ctx.main.replaceChildren(
    el('div', { class: 'welcome stack' }, pageHeading(t.login.title), el('p', { class: 'lead' }, t.login.lead)),
    el('section', { class: 'card' }, form),
    el('p', {}, el('a', { href: '/recover' }, t.login.forgot)),
    el('p', { class: 'hint' }, t.login.joinHint));
}
