// Settings: who you are, invite (while alone), your colour, the space's
// name, your time zone, pulse day and check interval, change passphrase,
// export your data, leave, log out.
import { api, apiDownload } from '../api.js';
import { limits, tooLong, tooShort } from '../limits.js';
import { me, partner, session, setMyColour, setSession, setZone, space, setSpace } from '../session.js';
import { t } from '../strings.js';
import { browserZone, el, announce, busy, field, formMessage, pageHeading, replace, timeZone } from '../ui.js';
import { inviteSection } from '../parts/invite.js';
import { colourPicker } from '../parts/colours.js';
import { recoveryStep, renewForm } from '../parts/recovery.js';
import { partnerLeftNotice } from '../parts/partner-left.js';

function section(id, title, ...children) {
  return el('section', { class: 'card stack', 'aria-labelledby': id }, el('h2', { id }, title), children);
}

function passphraseSection() {
  const current = field({ label: t.settings.current, name: 'current', type: 'password', autocomplete: 'current-password' });
  const range = limits().passphrase;
  const next = field({ label: t.settings.newPass, name: 'new', type: 'password', hint: t.form.passphraseHint(range.min), autocomplete: 'new-password', maxlength: range.max });
  const again = field({ label: t.settings.newPassAgain, name: 'new2', type: 'password', autocomplete: 'new-password', maxlength: range.max });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn' }, t.settings.passSubmit);
  const form = el('form', { class: 'stack', novalidate: true }, current.wrap, next.wrap, again.wrap, msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    if (!current.input.value) { current.setError(t.settings.wrongCurrent); current.input.focus(); return; }
    if (tooShort(next.input.value, range)) { next.setError(t.form.tooShort(range.min)); next.input.focus(); return; }
    if (tooLong(next.input.value, range)) { next.setError(t.form.passphraseTooLong); next.input.focus(); return; }
    if (next.input.value !== again.input.value) { again.setError(t.form.mismatch); again.input.focus(); return; }
    busy(submit, async () => {
      try {
        await api('POST', '/api/v1/me/passphrase', { current: current.input.value, new: next.input.value });
        form.reset();
        msg.show(t.settings.passDone, 'ok');
      } catch (err) {
        if (err.code === 'auth') { current.setError(t.settings.wrongCurrent); current.input.focus(); } else msg.show(err.message);
      }
    });
  });
  return section('pass-h', t.settings.passTitle, form);
}

function recoverySection(ctx) {
  const form = renewForm({
    onCode: (code) => recoveryStep(ctx.main, code, () => ctx.navigate('/settings', { replace: true, force: true }), { renewed: true }),
  });
  return section('recovery-h', t.renew.title, el('p', {}, t.renew.lead), form);
}

function spaceSection() {
  const sp = space();
  const label = field({ label: t.settings.spaceLabel, name: 'space-label', hint: t.settings.spaceHint, value: sp ? sp.label : '', maxlength: 100 });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn' }, t.settings.spaceSave);
  const form = el('form', { class: 'stack', novalidate: true }, label.wrap, msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    const value = label.input.value.trim();
    if (!value) { label.setError(t.settings.spaceEmpty); label.input.focus(); return; }
    if (new TextEncoder().encode(value).length > 100) { label.setError(t.settings.spaceTooLong); label.input.focus(); return; }
    busy(submit, async () => {
      try {
        setSpace(await api('PUT', '/api/v1/space', { label: value }));
        msg.show(t.settings.spaceSaved, 'ok');
      } catch (err) {
        label.setError(err.message);
        label.input.focus();
      }
    });
  });
  return section('space-h', t.settings.spaceTitle, form);
}

/* The zones to choose from: the browser's list (the server checks each
 * against its own tz database), with the current choice kept in it. */
function zoneNames(current) {
  let names = [];
  try {
    names = Intl.supportedValuesOf('timeZone');
  } catch {
    names = [];
  }
  if (!names.includes('UTC')) names = ['UTC', ...names];
  if (current && !names.includes(current)) names = [current, ...names];
  return names;
}

function zoneSection() {
  const current = (session() && session().zone) || '';
  const select = el('select', { id: 'zone', name: 'zone', 'aria-describedby': 'zone-hint' },
    el('option', { value: '' }, t.settings.zoneBrowser(browserZone() || 'UTC')),
    zoneNames(current).map((z) => el('option', { value: z, selected: z === current }, z.replaceAll('_', ' '))));
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn' }, t.settings.zoneSave);
  const form = el('form', { class: 'stack', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'zone' }, t.settings.zoneLabel), select,
      el('p', { class: 'hint', id: 'zone-hint' }, t.settings.zoneHint)),
    msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    busy(submit, async () => {
      try {
        const res = await api('PUT', '/api/v1/me/settings', { zone: select.value });
        setZone(res.zone);
        msg.show(t.settings.zoneSaved(res.zone || browserZone() || 'UTC'), 'ok');
      } catch (err) {
        msg.show(err.message);
      }
    });
  });
  return section('zone-h', t.settings.zoneTitle, form);
}

/* A setting chosen from a select and saved on its own: body(value) is
 * the PUT's body; saved(answer) says what changed. */
function selectSection({ id, title, label, hint, options, current, submitLabel, body, saved }) {
  const select = el('select', { id, name: id, 'aria-describedby': `${id}-hint` },
    options.map(([value, text]) => el('option', { value, selected: value === current }, text)));
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn' }, submitLabel);
  const form = el('form', { class: 'stack', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: id }, label), select,
      el('p', { class: 'hint', id: `${id}-hint` }, hint)),
    msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    busy(submit, async () => {
      try {
        msg.show(saved(await api('PUT', `/api/v1/me/settings?tz=${encodeURIComponent(timeZone())}`, body(select.value))), 'ok');
      } catch (err) {
        msg.show(err.message);
      }
    });
  });
  return section(`${id}-h`, title, form);
}

function pulseDaySection(prefs) {
  const days = t.settings.weekdays;
  return selectSection({
    id: 'pulse-day', title: t.settings.pulseDayTitle, label: t.settings.pulseDayLabel, hint: t.settings.pulseDayHint,
    options: Object.entries(days), current: prefs.pulse_day, submitLabel: t.settings.pulseDaySave,
    body: (value) => ({ pulse_day: value }), saved: (res) => t.settings.pulseDaySaved(days[res.pulse_day]),
  });
}

function checkEverySection(prefs) {
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return selectSection({
    id: 'check-every', title: t.settings.checkEveryTitle, label: t.settings.checkEveryLabel, hint: t.settings.checkEveryHint,
    options: months.map((m) => [String(m), t.settings.checkEveryOption(m)]), current: String(prefs.check_every),
    submitLabel: t.settings.checkEverySave,
    body: (value) => ({ check_every: Number(value) }), saved: (res) => t.settings.checkEverySaved(res.check_every),
  });
}

function colourSection() {
  const other = partner();
  // the section's heading names the group: "Your colour" once
  const picker = colourPicker({
    id: 'my-colour', selected: me().colour, taken: other ? other.colour : null, takenBy: other ? other.name : '',
    labelledBy: 'colour-h', hint: t.settings.colourHint,
  });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn' }, t.settings.colourSave);
  const form = el('form', { class: 'stack', novalidate: true }, picker.wrap, msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    busy(submit, async () => {
      try {
        const res = await api('PUT', '/api/v1/me/settings', { colour: picker.value() });
        setMyColour(res.colour);
        msg.show(t.settings.colourSaved(t.colours.names[res.colour] || res.colour), 'ok');
      } catch (err) {
        msg.show(err.message);
      }
    });
  });
  return section('colour-h', t.settings.colourTitle, form);
}

function exportSection() {
  const button = el('button', { type: 'button', class: 'btn' }, t.settings.exportButton);
  const doc = el('button', { type: 'button', class: 'btn' }, t.settings.exportDocButton);
  const msg = formMessage();
  const download = (b, query, fallback) => b.addEventListener('click', () => busy(b, async () => {
    msg.clear();
    try {
      const { blob, filename } = await apiDownload(`/api/v1/me/export${query}`, fallback);
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: filename, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
      announce(t.settings.exportDone);
    } catch (err) {
      msg.show(err.message);
    }
  }));
  download(button, '', 'dyad-export.json');
  download(doc, '?format=markdown', 'dyad-export.md');
  return section('export-h', t.settings.exportTitle, el('p', {}, t.settings.exportLead),
    el('div', { class: 'actions actions--start' }, button, doc), msg.node);
}

function leaveSection(ctx) {
  const pass = field({ label: t.settings.leaveConfirmLabel, name: 'leave-passphrase', type: 'password', autocomplete: 'current-password' });
  const msg = formMessage();
  const submit = el('button', { type: 'submit', class: 'btn btn--danger' }, t.settings.leaveButton);
  const form = el('form', { class: 'stack', novalidate: true }, pass.wrap, msg.node, el('div', { class: 'actions actions--start' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    if (!pass.input.value) { pass.setError(t.settings.leaveWrong); pass.input.focus(); return; }
    busy(submit, async () => {
      try {
        await api('POST', '/api/v1/me/leave', { passphrase: pass.input.value });
      } catch (err) {
        if (err.code === 'auth') { pass.setError(t.settings.leaveWrong); pass.input.focus(); } else msg.show(err.message);
        return;
      }
      setSession(null);
      try {
        ctx.setSetupState(await api('GET', '/api/v1/setup'));
      } catch {
        // keep what we knew; the next page load asks again
      }
      ctx.navigate('/login', { replace: true });
      announce(t.settings.left);
    });
  });
  return el('section', { class: 'card stack card--danger', 'aria-labelledby': 'leave-h' },
    el('h2', { id: 'leave-h' }, t.settings.leaveTitle), el('p', {}, t.settings.leaveLead), form);
}

function logoutSection(ctx) {
  const button = el('button', { type: 'button', class: 'btn', 'data-testid': 'logout' }, t.settings.logout);
  button.addEventListener('click', () => busy(button, async () => {
    try {
      await api('DELETE', '/api/v1/session', undefined, { quiet401: true });
    } catch (err) {
      if (err.status !== 401) { announce(err.message); return; }
    }
    setSession(null);
    ctx.navigate('/login', { replace: true });
    announce(t.settings.loggedOut);
  }));
  return section('logout-h', t.settings.logoutTitle, el('p', {}, t.settings.logoutLead), el('div', { class: 'actions actions--start' }, button));
}

export async function render(ctx) {
  const self = me();
  const other = partner();
  const prefs = await api('GET', '/api/v1/me/settings');
  if (ctx.stale()) return;
  replace(ctx.main,
    pageHeading(t.settings.title),
    section('you-h', t.settings.youTitle,
      el('p', { class: 'person' }, el('span', { class: 'dot dot--mine', 'aria-hidden': 'true' }), t.settings.youAre(self.name)),
      other
        ? el('p', { class: 'person' }, el('span', { class: 'dot dot--theirs', 'aria-hidden': 'true' }), t.settings.partnerIs(other.name))
        : partnerLeftNotice({ instead: el('p', {}, t.settings.noPartner) }) || el('p', {}, t.settings.noPartner),
      el('p', { class: 'hint' }, t.settings.colourNote)),
    other ? null : inviteSection(),
    colourSection(),
    spaceSection(),
    zoneSection(),
    pulseDaySection(prefs),
    checkEverySection(prefs),
    passphraseSection(),
    recoverySection(ctx),
    exportSection(),
    logoutSection(ctx),
    leaveSection(ctx));
}
