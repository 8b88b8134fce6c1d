// The once-only recovery code step, shared by setup, join and Settings,
// and the form that makes a new code. The person must tick "I have written
// it down" before they can go on.
//
// A reload on that step must not lose the code for good. The code itself is
// kept nowhere but on the screen (not in sessionStorage: anything there can
// be read back by whoever uses this browser next). Only the fact that a
// code is still unconfirmed is kept, per tab, in sessionStorage; after a
// reload the app asks for the passphrase and makes a new code, and the
// unseen one stops working.
import { api } from '../api.js';
import { limits } from '../limits.js';
import { t } from '../strings.js';
import { el, nextId, copyText, field, formMessage, pageHeading } from '../ui.js';

const PENDING = 'dyad.recoveryPending';

/* Note that a code is on screen and not yet confirmed as written down. */
export function markRecoveryPending() {
  try { sessionStorage.setItem(PENDING, '1'); } catch { /* storage off: Settings still renews */ }
}

/* Whether this tab showed a code that was never confirmed. */
export function recoveryPending() {
  try { return sessionStorage.getItem(PENDING) === '1'; } catch { return false; }
}

export function clearRecoveryPending() {
  try { sessionStorage.removeItem(PENDING); } catch { /* nothing kept */ }
}

/* Render into container; onDone() runs when the person continues.
 * renewed: the code replaces an earlier one. */
export function recoveryStep(container, code, onDone, { renewed = false } = {}) {
  const codeId = nextId('recovery');
  const checkId = nextId('written');
  const note = el('p', { class: 'copy-note', role: 'status', 'aria-live': 'polite' });
  const copy = el('button', { type: 'button', class: 'btn btn--quiet' }, t.recovery.copy);
  copy.addEventListener('click', async () => {
    note.textContent = (await copyText(code)) ? t.recovery.copied : t.recovery.copyFailed;
  });
  const check = el('input', { type: 'checkbox', id: checkId, name: 'written' });
  const go = el('button', { type: 'submit', class: 'btn btn--primary', disabled: true }, t.recovery.continue);
  check.addEventListener('change', () => { go.disabled = !check.checked; });
  const form = el('form', { class: 'stack', novalidate: true },
    el('div', { class: 'check' }, check, el('label', { for: checkId }, t.recovery.check)),
    el('div', { class: 'actions' }, go));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!check.checked) return;
    clearRecoveryPending();
    onDone();
  });
  markRecoveryPending();
  container.replaceChildren(
    el('section', { class: 'card card--focus stack' },
      pageHeading(t.recovery.title),
      renewed ? el('p', { class: 'strong' }, t.recovery.renewedLead) : null,
      el('p', {}, t.recovery.lead),
      el('p', {}, t.recovery.where),
      el('p', { class: 'strong' }, t.recovery.once),
      el('p', { class: 'label', id: `${codeId}-label` }, t.recovery.codeLabel),
      el('p', { class: 'recovery-code', id: codeId, 'data-testid': 'recovery-code' }, code),
      el('div', { class: 'inline' }, copy, note),
      form));
  container.querySelector('h1').focus();
  document.title = t.pageTitle(t.recovery.title);
}

/* A form that asks for the passphrase and makes a new recovery code;
 * onCode(code) gets it. Returns the form. */
export function renewForm({ onCode, submitClass = 'btn' }) {
  const pass = field({ label: t.renew.passLabel, name: 'renew-passphrase', type: 'password', autocomplete: 'current-password', maxlength: limits().passphrase.max });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: submitClass }, t.renew.submit);
  const form = el('form', { class: 'stack', novalidate: true }, pass.wrap, msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.clear();
    if (!pass.input.value) { pass.setError(t.renew.wrong); pass.input.focus(); return; }
    submit.disabled = true;
    let res;
    try {
      res = await api('POST', '/api/v1/me/recovery', { passphrase: pass.input.value });
    } catch (err) {
      submit.disabled = false;
      if (err.code === 'auth') { pass.setError(t.renew.wrong); pass.input.select(); } else msg.show(err.message);
      return;
    }
    onCode(res.recovery_code);
  });
  return form;
}
