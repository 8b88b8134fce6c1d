// First run: create the couple's space, show the recovery code once, then
// offer the invitation link for the partner.
import { api } from '../api.js';
import { limits, tooLong } from '../limits.js';
import { setSession } from '../session.js';
import { t } from '../strings.js';
import { browserZone, el, field, pageHeading } from '../ui.js';
import { accountForm } from '../parts/account-form.js';
import { recoveryStep } from '../parts/recovery.js';
import { inviteSection } from '../parts/invite.js';

export async function render(ctx) {
  const labelRange = limits().label;
  const label = field({ label: t.setup.label, name: 'label', hint: t.setup.labelHint, optional: true, maxlength: labelRange.max });
  const { form } = accountForm({
    extraFields: [label],
    submitLabel: t.setup.submit,
    check: () => {
      if (!tooLong(label.input.value.trim(), labelRange)) return null;
      label.setError(t.setup.labelTooLong);
      return label.input;
    },
    onSubmit: async (values, msg) => {
      const body = { name: values.name, passphrase: values.passphrase, zone: browserZone(), colour: values.colour };
      const spaceLabel = label.input.value.trim();
      if (spaceLabel) body.label = spaceLabel;
      let res;
      try {
        res = await api('POST', '/api/v1/space', body);
      } catch (err) {
        msg.show(err.code === 'exists' ? t.setup.exists : err.message);
        return;
      }
      ctx.setSetupState({ space: true, members: 1 });
      // Who we are now, with space and csrf; the create answer has me and csrf.
      setSession({ me: res.me, partner: null, space: res.space || null, csrf: res.csrf });
      const full = await ctx.refreshSession().catch(() => null);
      if (!full) setSession({ me: res.me, partner: null, space: null, csrf: res.csrf });
      recoveryStep(ctx.main, res.recovery_code, () => showInvite(ctx));
    },
  });
  ctx.main.replaceChildren(
    el('div', { class: 'welcome stack' },
      pageHeading(t.setup.title),
      el('p', { class: 'lead' }, t.setup.lead),
      el('p', {}, t.setup.lead2)),
    el('section', { class: 'card' }, form));
}

function showInvite(ctx) {
  const done = el('a', { href: '/today', class: 'btn btn--quiet' }, t.invite.skip);
  const section = inviteSection({
    headingLevel: 'h1',
    primary: true,
    after: el('div', { class: 'actions actions--start' }, done),
    onMade: () => {
      done.textContent = t.invite.done;
      done.className = 'btn';
    },
  });
  ctx.main.replaceChildren(section);
  section.querySelector('h1').focus();
  document.title = t.pageTitle(t.invite.title);
}
