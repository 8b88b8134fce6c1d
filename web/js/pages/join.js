// The partner's first visit, from the link /join#CODE on their own device.
// The code travels in the fragment, so it never reaches server logs.
import { api } from '../api.js';
import { setSession } from '../session.js';
import { t } from '../strings.js';
import { el, pageHeading } from '../ui.js';
import { accountForm } from '../parts/account-form.js';
import { recoveryStep } from '../parts/recovery.js';

function codeFromHash() {
  const raw = location.hash.replace(/^#/, '').trim();
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function render(ctx) {
  const code = codeFromHash();
  const intro = el('div', { class: 'welcome stack' }, pageHeading(t.join.title), el('p', { class: 'lead' }, t.join.lead));
  if (!code) {
    ctx.main.replaceChildren(intro, el('p', { class: 'form-message form-message--error', role: 'alert' }, t.join.noCode));
    return;
  }
  const { form } = accountForm({
    submitLabel: t.join.submit,
    onSubmit: async (values, msg) => {
      let res;
      try {
        res = await api('POST', '/api/v1/join', { code, name: values.name, passphrase: values.passphrase });
      } catch (err) {
        if (err.status === 410) msg.show(t.join.expired);
        else if (err.status === 401 || (err.status === 404)) msg.show(t.join.badCode);
        else if (err.status === 409) msg.show(err.message || t.join.full);
        else msg.show(err.message);
        return;
      }
      ctx.setSetupState({ space: true, members: 2 });
      setSession({ me: res.me, partner: null, space: null, csrf: res.csrf });
      await ctx.refreshSession().catch(() => null);
      // The code is spent: drop it from the address bar and history.
      history.replaceState(null, '', '/join');
      recoveryStep(ctx.main, res.recovery_code, () => ctx.navigate('/today'));
    },
  });
  ctx.main.replaceChildren(intro, el('section', { class: 'card' }, form));
}
