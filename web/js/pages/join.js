// The partner's first visit, from the link /join#CODE on their own device.
// The code travels in the fragment, so it never reaches server logs. The
// invitation is checked first: a used, expired or unknown code is said
// before anyone chooses a name or a passphrase.
import { api } from '../api.js';
import { setSession } from '../session.js';
import { t } from '../strings.js';
import { announce, browserZone, el, pageHeading } from '../ui.js';
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

/* What the server's answer about an invitation means, in the app's words. */
function inviteProblem(err) {
  if (err.status === 429) return t.errors.throttled;
  if (err.code === 'used') return t.join.used;
  if (err.code === 'expired') return t.join.expired;
  if (err.code === 'full') return t.join.full;
  if (err.status === 401 || err.status === 400) return t.join.badCode;
  return err.message;
}

function problem(ctx, intro, text) {
  ctx.main.replaceChildren(intro,
    el('section', { class: 'card stack' },
      el('p', { class: 'form-message form-message--error', role: 'alert', 'data-testid': 'join-problem' }, text),
      el('p', {}, t.join.haveAccount, ' ', el('a', { href: '/login' }, t.join.toLogin))));
}

export async function render(ctx) {
  const code = codeFromHash();
  const intro = el('div', { class: 'welcome stack' }, pageHeading(t.join.title), el('p', { class: 'lead' }, t.join.lead));
  if (!code) return problem(ctx, intro, t.join.noCode);
  try {
    await api('POST', '/api/v1/join/check', { code });
  } catch (err) {
    if (ctx.stale()) return undefined;
    return problem(ctx, intro, inviteProblem(err));
  }
  if (ctx.stale()) return undefined;
  let nameField = null;
  const { form, name } = accountForm({
    submitLabel: t.join.submit,
    colour: 'rose',
    onSubmit: async (values, msg) => {
      let res;
      try {
        res = await api('POST', '/api/v1/join', { code, name: values.name, passphrase: values.passphrase, zone: browserZone(), colour: values.colour });
      } catch (err) {
        if (err.code === 'exists') {
          nameField.setError(t.join.nameTaken);
          nameField.input.focus();
        } else if (err.status === 410 && err.code !== 'used' && err.code !== 'expired') {
          msg.show(t.join.usedOrExpired);
        } else {
          msg.show(inviteProblem(err));
        }
        return;
      }
      ctx.setSetupState({ space: true, members: 2 });
      setSession({ me: res.me, partner: null, space: null, csrf: res.csrf });
      const full = await ctx.refreshSession().catch(() => null);
      if (values.colour && res.me && res.me.colour !== values.colour) {
        announce(t.colours.given(t.colours.names[res.me.colour] || res.me.colour, (full && full.partner && full.partner.name) || t.yourPartner));
      }
      // The code is spent: drop it from the address bar and history.
      history.replaceState(history.state, '', '/join');
      recoveryStep(ctx.main, res.recovery_code, () => ctx.navigate('/today'));
    },
  });
  nameField = name;
  ctx.main.replaceChildren(intro, el('section', { class: 'card' }, form));
  return undefined;
}
