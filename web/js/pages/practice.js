// Practice: this week's minutes and days lead, then the timer (a gentle
// bell through Web Audio, the screen kept on where the browser allows, the
// session logged at the end), the minutes-per-week chart drawn by the
// server, a form to log a session, and the recent sessions.
import { api } from '../api.js';
import { confirmDialog, replace, damagedNote } from '../ui.js';
import { el, field, formMessage, busy, announce, pageHeading, when } from '../ui.js';
import { s } from '../strings-selfcare.js';
import { bell, chartNode, clock, durationText, keepAwake } from '../parts/svg.js';
import { itemEditor } from '../parts/itemedit.js';

const KINDS = ['meditation', 'yoga', 'breathing', 'walking'];
const t = s.practice;

function kindPicker(idPrefix) {
  const select = el('select', { id: `${idPrefix}-kind`, name: 'kind' },
    KINDS.map((k) => el('option', { value: k }, t.names[k])),
    el('option', { value: 'other' }, t.other));
  const other = field({ label: t.otherName, name: 'other', maxlength: 40 });
  other.wrap.hidden = true;
  select.addEventListener('change', () => { other.wrap.hidden = select.value !== 'other'; });
  const wrap = el('div', { class: 'stack' },
    el('div', { class: 'field' }, el('label', { for: select.id }, t.kind), select),
    other.wrap);
  return { wrap, value: () => (select.value === 'other' ? other.input.value.trim() : select.value) };
}

export async function render(ctx) {
  const summary = el('section', { class: 'card stack practice-summary', 'aria-labelledby': 'practice-week' });
  const chartBox = el('section', { class: 'card chart-card', 'aria-label': t.chartTitle });
  const list = el('ul', { class: 'item-list' });
  const empty = el('p', { class: 'empty', hidden: true }, t.empty);
  const damaged = el('div');

  async function refresh() {
    const [stats, page] = await Promise.all([
      api('GET', '/api/v1/stats/practice'),
      api('GET', '/api/v1/practice?limit=20'),
    ]);
    if (ctx.stale()) return;
    replace(summary,
      el('p', { class: 'lead', id: 'practice-week' }, t.week(stats.week.minutes, stats.week.days)),
      t.streak(stats.streak.current, stats.streak.longest) ? el('p', {}, t.streak(stats.streak.current, stats.streak.longest)) : null);
    replace(chartBox, chartNode(stats.chart) || el('p', {}, t.chartTitle), damagedNote(stats.damaged, 'sessions'));
    replace(list, ...page.items.map((it) => {
      // my own sessions can be corrected: a wrong length, the note
      const ed = it.mine ? itemEditor({
        path: `/api/v1/practice/${encodeURIComponent(it.id)}`,
        title: s.edit.session,
        fields: [
          { name: 'duration', label: t.duration, value: durationText(it.seconds), hint: t.durationHint },
          { name: 'note', label: t.note, value: it.note || '', multiline: true, optional: true, hint: s.edit.noteHint },
        ],
        body: (v) => ({ duration: v.duration, note: v.note || null }),
        onSaved: refresh,
      }) : null;
      return el('li', { class: `item ${it.mine ? 'item--mine' : 'item--theirs'}` },
        el('span', { class: 'item-main' }, `${t.names[it.practice] || it.practice} · ${durationText(it.seconds)}`),
        el('span', { class: 'item-meta' }, ` ${when(new Date(it.at * 1000).toISOString())} · ${it.mine ? (it.shared ? t.shared : t.private) : t.from(it.author)}`),
        it.note ? el('p', { class: 'item-note' }, it.note) : null,
        ed ? el('div', { class: 'actions actions--start' }, ed.button) : null,
        ed ? ed.form : null);
    }));
    empty.hidden = page.items.length > 0 || page.damaged > 0;
    replace(damaged, damagedNote(page.damaged));
  }

  async function logSession(kind, seconds, startedAt) {
    return api('POST', '/api/v1/practice', { practice: kind, seconds, at: Math.floor(startedAt / 1000) });
  }

  // ---- the timer
  const minutes = field({ label: t.minutes, name: 'minutes', type: 'number', value: '10' });
  minutes.input.setAttribute('min', '1');
  minutes.input.setAttribute('max', '1440');
  minutes.input.setAttribute('inputmode', 'numeric');
  const bellEvery = field({ label: t.bell, name: 'bell', type: 'number', hint: t.bellHint, optional: true });
  bellEvery.input.setAttribute('min', '1');
  const timerKind = kindPicker('timer');
  const display = el('p', { class: 'timer-display', role: 'timer', 'aria-live': 'off' }, clock(600));
  const progress = el('progress', { max: '100', value: '0', 'aria-label': t.timer });
  const startBtn = el('button', { type: 'submit', class: 'btn btn--primary' }, t.start);
  const stopBtn = el('button', { type: 'button', class: 'btn', hidden: true }, t.stop);
  const timerMsg = formMessage();
  let tick = 0;
  let release = () => {};
  let run = null; // {start, total, bellEvery, lastBell}

  function stopRunning() {
    window.clearInterval(tick);
    release();
    release = () => {};
    startBtn.hidden = false;
    stopBtn.hidden = true;
    ctx.guardLeaving(() => false);
    const r = run;
    run = null;
    return r;
  }

  function onTick() {
    if (!run) return;
    const done = Math.min(run.total, Math.floor((Date.now() - run.start) / 1000));
    display.textContent = clock(run.total - done);
    progress.value = String(Math.round((done * 100) / run.total));
    if (run.bellEvery && done > 0 && done < run.total && done % run.bellEvery === 0 && run.lastBell !== done) {
      run.lastBell = done;
      bell();
    }
    if (done >= run.total) finish();
  }

  async function finish() {
    const r = stopRunning();
    bell();
    try {
      await logSession(r.kind, r.total, r.start);
      timerMsg.show(t.done(durationText(r.total)), 'ok');
      announce(t.done(durationText(r.total)));
      await refresh();
    } catch (err) {
      timerMsg.show(err.message);
    }
  }

  const timerForm = el('form', { class: 'stack', novalidate: true },
    el('h2', {}, t.timer), minutes.wrap, bellEvery.wrap, timerKind.wrap,
    display, progress, el('p', { class: 'hint' }, t.wake), timerMsg.node,
    el('div', { class: 'actions' }, startBtn, stopBtn));
  timerForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    timerMsg.clear();
    const total = Math.round(Number(minutes.input.value) * 60);
    if (!Number.isFinite(total) || total < 60 || total > 86400) {
      minutes.setError('From 1 to 1440 minutes.');
      return;
    }
    const every = bellEvery.input.value ? Math.round(Number(bellEvery.input.value) * 60) : 0;
    if (bellEvery.input.value && (!Number.isFinite(every) || every < 60 || every >= total)) {
      bellEvery.setError('A whole number of minutes, shorter than the timer.');
      return;
    }
    const kind = timerKind.value();
    if (!kind) {
      timerMsg.show('Name your practice first.');
      return;
    }
    run = { start: Date.now(), total, bellEvery: every, lastBell: 0, kind };
    startBtn.hidden = true;
    stopBtn.hidden = false;
    display.textContent = clock(total);
    progress.value = '0';
    ctx.guardLeaving(() => Boolean(run));
    release = await keepAwake();
    tick = window.setInterval(onTick, 250);
  });
  stopBtn.addEventListener('click', async () => {
    if (!run) return;
    const done = Math.floor((Date.now() - run.start) / 1000);
    const r = stopRunning();
    if (done < 1) return;
    const yes = await confirmDialog({ title: t.askPartial(durationText(done)), body: '', confirm: t.logIt, cancel: t.dontLog });
    if (!yes) {
      timerMsg.show(t.notLogged, 'ok');
      return;
    }
    try {
      await logSession(r.kind, done, r.start);
      timerMsg.show(t.logged(durationText(done), r.kind), 'ok');
      await refresh();
    } catch (err) {
      timerMsg.show(err.message);
    }
  });

  // ---- logging by hand
  const logKind = kindPicker('log');
  const dur = field({ label: t.duration, name: 'duration', hint: t.durationHint, maxlength: 16 });
  const note = field({ label: t.note, name: 'note', optional: true, multiline: true, rows: 2, maxlength: 2000 });
  const share = el('input', { type: 'checkbox', id: 'practice-share', name: 'shared' });
  const saveBtn = el('button', { type: 'submit', class: 'btn btn--primary' }, t.save);
  const logMsg = formMessage();
  const logForm = el('form', { class: 'stack', novalidate: true },
    el('h2', {}, t.log), logKind.wrap, dur.wrap, note.wrap,
    el('div', { class: 'check' }, share, el('label', { for: 'practice-share' }, t.share)),
    logMsg.node, el('div', { class: 'actions' }, saveBtn));
  logForm.addEventListener('submit', (e) => {
    e.preventDefault();
    logMsg.clear();
    busy(saveBtn, async () => {
      const body = { practice: logKind.value(), duration: dur.input.value.trim(), shared: share.checked };
      if (note.input.value.trim()) body.note = note.input.value.trim();
      try {
        const it = await api('POST', '/api/v1/practice', body);
        logMsg.show(t.logged(durationText(it.seconds), it.practice), 'ok');
        dur.input.value = '';
        note.input.value = '';
        await refresh();
      } catch (err) {
        logMsg.show(err.message);
      }
    });
  });

  replace(ctx.main,
    el('div', { class: 'stack' },
      pageHeading(t.title),
      el('p', { class: 'lead' }, t.lead),
      summary,
      el('section', { class: 'card' }, timerForm),
      chartBox,
      el('section', { class: 'card' }, logForm),
      el('section', { class: 'card stack' }, el('h2', {}, t.recent), empty, list, damaged)));
  await refresh();
}
