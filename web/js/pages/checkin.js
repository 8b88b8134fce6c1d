// Check-ins: the couple's schedule (next date, .ics), my private agenda
// (add, reveal), the talk one item at a time (speaker and listener, a turn
// timer, paraphrase, felt heard, notes), agreements, and past check-ins.
import { api, apiDownload } from '../api.js';
import { partner } from '../session.js';
import { c } from '../strings-checkin.js';
import { el, field, formMessage, busy, announce, pageHeading, nextId, timeZone, confirmDialog, damagedNote } from '../ui.js';
import { attachCoach } from '../parts/coach.js';

const MAX = 2000;
const TURN_SECONDS = 180;
// how often the page asks what the partner did: while a check-in is under
// way, and otherwise (a revealed item, a new schedule); and at once when
// the page is looked at again
const POLL_MS = 10000;
const IDLE_POLL_MS = 30000;

function select(label, options, value) {
  const id = nextId('sel');
  const input = el('select', { id },
    Object.entries(options).map(([v, text]) => el('option', { value: v }, text)));
  if (value !== undefined) input.value = value;
  return { wrap: el('div', { class: 'field' }, el('label', { for: id }, label), input), input };
}

/* "Sunday 28 March at 19:30", in the couple's zone. */
function longWhen(iso, zone) {
  const d = new Date(iso);
  const opts = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: zone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-GB', opts).format(d);
  }
}

/* An instant as a day for people, in my zone: "Sun, 6 Dec". */
function shortDay(iso) {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: timeZone() })
    .format(new Date(iso));
}

/* A follow-up date, YYYY-MM-DD, for people: "Sun, 6 Dec 2026". */
function dayWords(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return ymd;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

async function orNull(p) {
  try {
    return await p;
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
}

export async function render(ctx) {
  const other = partner();
  const otherName = other ? other.name : 'your partner';
  const box = {
    schedule: el('div', { class: 'stack' }),
    talk: el('div', { class: 'stack' }),
    agenda: el('div', { class: 'stack' }),
    agendaForm: el('div'),
    agendaLists: el('div', { class: 'stack', 'data-testid': 'agenda-lists' }),
    history: el('div', { class: 'stack' }),
  };
  box.agenda.append(el('p', { class: 'hint' }, c.agendaHint), box.agendaForm, box.agendaLists);
  let position = 0;

  async function act(fn) {
    try {
      await fn();
    } catch (err) {
      announce(err.message);
    }
    await refresh({ writing: true });
  }

  /* ---------------------------------------------------------- schedule */

  function scheduleForm(s) {
    const freq = select(c.frequency, c.frequencies, s ? s.frequency : 'weekly');
    const day = select(c.day, c.days, s ? s.day : 'sunday');
    const week = select(c.week, c.weeks, s && s.week ? s.week : '1');
    const time = field({ label: c.time, name: 'time', type: 'time', value: s ? s.time : '19:30' });
    const zone = field({ label: c.zone, name: 'zone', hint: c.zoneHint, value: s ? s.zone : timeZone(), maxlength: 64 });
    const showWeek = () => { week.wrap.hidden = freq.input.value !== 'monthly'; };
    freq.input.addEventListener('change', showWeek);
    showWeek();
    const msg = formMessage();
    const save = el('button', { type: 'submit', class: 'btn btn--primary' }, c.saveSchedule);
    const form = el('form', { class: 'stack', novalidate: true }, freq.wrap, day.wrap, week.wrap, time.wrap, zone.wrap,
      msg.node, el('div', { class: 'actions' }, save));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      msg.clear();
      busy(save, async () => {
        try {
          await api('PUT', '/api/v1/checkin/schedule', {
            frequency: freq.input.value, day: day.input.value, time: time.input.value, zone: zone.input.value.trim(),
            ...(freq.input.value === 'monthly' ? { week: week.input.value } : {}),
          });
        } catch (err) {
          msg.show(err.message);
          return;
        }
        announce(c.scheduleSaved);
        await refresh({ writing: true });
      });
    });
    return el('details', { class: 'add' }, el('summary', { class: 'btn' }, s ? c.changeSchedule : c.setSchedule), form);
  }

  function renderSchedule(doc) {
    const s = doc.schedule;
    const parts = [];
    if (!s) {
      parts.push(el('p', { class: 'empty' }, c.noSchedule));
    } else {
      parts.push(el('p', {}, c.scheduleIs(s.words, s.zone)));
      if (doc.next) {
        parts.push(el('p', { class: 'next-checkin', 'data-testid': 'next-checkin' },
          el('strong', {}, `${c.nextIs}: `), longWhen(doc.next, s.zone)));
      }
      const dl = el('a', { href: '/api/v1/checkin/calendar.ics', class: 'btn btn--small', download: 'check-ins.ics' }, c.calendar);
      dl.addEventListener('click', async (e) => {
        e.preventDefault();
        try {
          const { blob, filename } = await apiDownload('/api/v1/checkin/calendar.ics', 'check-ins.ics');
          const url = URL.createObjectURL(blob);
          const a = el('a', { href: url, download: filename });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        } catch (err) {
          announce(err.message);
        }
      });
      parts.push(el('div', { class: 'actions actions--start' }, dl));
    }
    parts.push(scheduleForm(s));
    box.schedule.replaceChildren(...parts);
  }

  /* ------------------------------------------------------------ agenda */

  function itemLine(it) {
    const actions = el('div', { class: 'actions' });
    if (it.mine && it.visibility === 'held') {
      actions.append(el('button', {
        type: 'button', class: 'btn btn--small',
        onclick: () => act(async () => {
          await api('POST', `/api/v1/checkin/items/${it.id}/reveal`);
          announce(c.revealed(otherName));
        }),
      }, c.reveal));
    }
    return el('li', { class: `item ${it.mine ? 'item--mine' : 'item--theirs'}` },
      el('p', { class: 'item-main' }, it.statement),
      el('p', { class: 'item-meta' }, [c.topics[it.topic] || it.topic,
        it.mine ? (it.visibility === 'shared' ? c.revealedMark : c.held) : `from ${it.author}`].join(' · ')),
      actions.childNodes.length ? actions : null);
  }

  /* Remove my agreement a, once I said so in a dialog: it goes for both
   * of us, with the marks that it is done. */
  async function removeAgreement(a) {
    const ok = await confirmDialog({
      title: c.removeAsk, body: c.removeBody(a.what.length > 80 ? `${a.what.slice(0, 79)}\u2026` : a.what, otherName),
      confirm: c.remove, cancel: c.removeKeep, danger: true,
    });
    if (!ok) return;
    await act(async () => {
      await api('DELETE', `/api/v1/checkin/agreements/${a.id}`);
      announce(c.removed);
    });
  }

  /* That n records (marks) the state of a check-in or an agreement is read
   * from could not be read, in words(n); null when none. */
  function marksNote(n, words) {
    return n > 0 ? el('p', { class: 'hint damaged-note', 'data-testid': 'damaged-marks' }, words(n)) : null;
  }

  /* An agreement: what, who, when to follow up; done when either of us
   * marked it, with who did and when; either of us marks it, and each
   * takes back only their own mark; its author may remove it. */
  function agreementLine(a) {
    const by = a.done_by || [];
    const markedByMe = by.some((m) => m.mine);
    const what = el('p', { class: 'item-main', id: nextId('agreement') }, a.what);
    const button = (label, method) => el('button', {
      type: 'button', class: 'btn btn--small', 'aria-describedby': what.id,
      onclick: () => act(() => api(method, `/api/v1/checkin/agreements/${a.id}/done`)),
    }, label);
    return el('li', { class: `item item--ours${a.done ? ' item--done' : ''}`, 'data-testid': 'agreement' },
      what,
      el('p', { class: 'item-meta' }, [a.who_words, a.follow_up ? c.followOn(dayWords(a.follow_up)) : null]
        .filter(Boolean).join(' · ')),
      a.done ? el('p', { class: 'item-done' }, el('span', { class: 'done-tick', 'aria-hidden': 'true' }, '\u2713 '),
        by.map((m) => (m.mine ? c.doneByYou(shortDay(m.at)) : c.doneBy(m.name, shortDay(m.at)))).join('; ')) : null,
      marksNote(a.marks_damaged, c.doneDamaged),
      el('div', { class: 'actions actions--start' },
        a.done ? null : button(c.markDone, 'POST'),
        markedByMe ? button(c.undoDone, 'DELETE') : null,
        a.mine ? el('button', {
          type: 'button', class: 'btn btn--small btn--danger', 'aria-describedby': what.id,
          onclick: () => removeAgreement(a),
        }, c.remove) : null));
  }

  function addItemForm(links) {
    const topic = select(c.topic, c.topics, 'appreciation');
    const text = field({ label: c.statement, name: 'statement', multiline: true, rows: 3, maxlength: MAX * 4 });
    text.input.id = 'checkin-statement';
    text.wrap.querySelector('label').setAttribute('for', 'checkin-statement');
    attachCoach(text.input);
    const link = select(c.link, { '': c.linkNone, ...Object.fromEntries(links.map((x) => [x.id, x.statement.slice(0, 60)])) }, '');
    const msg = formMessage();
    const save = el('button', { type: 'submit', class: 'btn btn--primary' }, c.save);
    const form = el('form', { class: 'stack', novalidate: true }, topic.wrap, text.wrap, links.length ? link.wrap : null,
      msg.node, el('div', { class: 'actions' }, save));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      msg.clear();
      if (!text.input.value.trim()) {
        text.setError(c.empty);
        text.input.focus();
        return;
      }
      busy(save, async () => {
        try {
          await api('POST', '/api/v1/checkin/items', {
            topic: topic.input.value, statement: text.input.value.trim(), ...(link.input.value ? { link: link.input.value } : {}),
          });
        } catch (err) {
          msg.show(err.message);
          return;
        }
        form.reset();
        form.closest('details').open = false;
        announce(c.added);
        await refresh({ writing: true });
      });
    });
    return el('details', { class: 'add' }, el('summary', { class: 'btn' }, c.addItem), form);
  }

  /* The lists of the agenda, redrawn apart from the form above them, so
   * that what the partner reveals shows while I write. */
  function renderAgenda(agenda) {
    const mine = agenda.items.filter((x) => x.mine);
    const theirs = agenda.items.filter((x) => !x.mine);
    box.agendaLists.replaceChildren(...[
      // "nothing yet" would be untrue when some could not be read
      mine.length ? el('ul', { class: 'item-list' }, mine.map(itemLine))
        : agenda.damaged > 0 ? null : el('p', { class: 'empty' }, c.noItems),
      agenda.asked.length ? el('h3', {}, c.askedTitle) : null,
      agenda.asked.length ? el('ul', { class: 'item-list' }, agenda.asked.map((x) => el('li', { class: 'item item--mine' },
        el('p', { class: 'item-main' }, x.statement)))) : null,
      other ? el('h3', {}, c.theirsTitle(other.name)) : null,
      other ? (theirs.length ? el('ul', { class: 'item-list' }, theirs.map(itemLine))
        : el('p', { class: 'empty' }, c.noneTheirs(other.name))) : null,
      agenda.due.length ? el('h3', {}, c.dueTitle) : null,
      agenda.due.length ? el('ul', { class: 'item-list' }, agenda.due.map(agreementLine)) : null,
      damagedNote(agenda.damaged),
    ].filter(Boolean));
  }

  /* -------------------------------------------------------------- talk */

  /* The turn timer: a few minutes for the one whose turn it is, then the
   * other's turn. One for the page, kept across re-renders (a note saved,
   * a paraphrase said back), started afresh on another item. It counts
   * from the clock, not by ticks, so a slow or hidden tab stays right. */
  const turn = { item: null, phase: 'speaker', endsAt: 0, left: TURN_SECONDS, tick: 0, over: false, said: '', view: null };

  function clock(seconds) {
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  /* The partner, seen from item it: its author, or the one who listens to mine. */
  const partnerOf = (it) => (it.mine ? otherName : it.author);
  /* Whether it is my turn in phase on item it: I speak on mine, say back on theirs. */
  const mineIn = (phase, it) => (phase === 'speaker') === it.mine;

  function whoseTurn(phase, it) {
    const me = mineIn(phase, it);
    if (phase === 'speaker') return me ? c.timerYouSpeak : c.timerSpeaks(partnerOf(it));
    return me ? c.timerYouSayBack : c.timerSaysBack(partnerOf(it));
  }

  function paintTurn() {
    const v = turn.view;
    if (!v) return;
    v.label.textContent = whoseTurn(turn.phase, v.it);
    v.out.textContent = clock(turn.left);
    const next = turn.phase === 'speaker' ? 'listener' : 'speaker';
    v.button.textContent = turn.tick ? c.timerStop
      : turn.over ? (mineIn(next, v.it) ? c.timerStartMine : c.timerStartTheirs(partnerOf(v.it))) : c.timerStart;
    v.said.textContent = turn.said;
  }

  function stopTurn() {
    window.clearInterval(turn.tick);
    turn.tick = 0;
  }

  function onTurnTick() {
    if (ctx.stale() || !turn.view || !turn.view.out.isConnected) {
      stopTurn();
      return;
    }
    turn.left = Math.max(0, Math.ceil((turn.endsAt - Date.now()) / 1000));
    if (turn.left === 0) {
      // time: said gently, and whose turn comes next
      stopTurn();
      turn.over = true;
      const { it } = turn.view;
      const other = partnerOf(it);
      const me = mineIn(turn.phase, it);
      if (turn.phase === 'speaker') turn.said = me ? c.timeUpSpoke(other) : c.timeUpSayBack(other);
      else turn.said = me ? c.timeUpSaidBack(other) : c.timeUpHeard(other);
    }
    paintTurn();
  }

  function turnTimer(it) {
    if (turn.item !== it.id) {
      stopTurn();
      Object.assign(turn, { item: it.id, phase: 'speaker', left: TURN_SECONDS, over: false, said: '' });
    }
    const view = {
      it,
      label: el('span', { class: 'timer-whose' }),
      // the countdown is not read out every second; the end is said below
      out: el('span', { class: 'timer', role: 'timer', 'aria-live': 'off' }),
      button: el('button', { type: 'button', class: 'btn btn--small' }),
      said: el('p', { class: 'timer-said', role: 'status' }),
    };
    view.button.addEventListener('click', () => {
      if (turn.tick) {
        stopTurn();
        turn.left = TURN_SECONDS;
      } else {
        if (turn.over) turn.phase = turn.phase === 'speaker' ? 'listener' : 'speaker';
        Object.assign(turn, { over: false, said: '', left: TURN_SECONDS, endsAt: Date.now() + TURN_SECONDS * 1000 });
        turn.tick = window.setInterval(onTurnTick, 1000);
      }
      paintTurn();
    });
    turn.view = view;
    paintTurn();
    return el('div', { class: 'turn-timer', 'data-testid': 'turn-timer' },
      el('div', { class: 'actions actions--start' }, el('span', { class: 'label' }, `${c.timer}:`), view.label, view.out,
        view.button),
      view.said);
  }

  function textForm(label, saveLabel, name, submit) {
    const text = field({ label, name, multiline: true, rows: 2, maxlength: MAX * 4 });
    const msg = formMessage();
    const save = el('button', { type: 'submit', class: 'btn btn--small btn--primary' }, saveLabel);
    const form = el('form', { class: 'stack', novalidate: true }, text.wrap, msg.node,
      el('div', { class: 'actions actions--start' }, save));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!text.input.value.trim()) {
        text.setError(c.empty);
        return;
      }
      busy(save, async () => {
        try {
          await submit(text.input.value.trim());
        } catch (err) {
          msg.show(err.message);
          return;
        }
        await refresh({ writing: true });
      });
    });
    return form;
  }

  /* Whether the speaker's last word on item it was that they felt heard
   * ("not yet" asks again, after more is said back). */
  function feltHeard(it) {
    const said = (it.turns || []).filter((t) => t.sort === 'heard');
    return said.length > 0 && said[said.length - 1].heard === true;
  }

  function talkItem(it, i, n) {
    const said = el('ul', { class: 'turns' }, (it.turns || []).map((t) => {
      const who = t.mine ? c.you : t.author;
      if (t.sort === 'heard') return el('li', { class: 'turn' }, t.heard ? c.heard(who) : c.notHeard(who));
      return el('li', { class: 'turn' }, el('span', { class: 'item-meta' }, `${t.sort === 'paraphrase' ? c.heardBy(who) : c.noteBy(who)} `), t.words);
    }));
    const role = it.mine ? c.youSpeak : c.youListen;
    const steps = [];
    if (!it.mine) {
      steps.push(textForm(c.paraphrase, c.paraphraseSave, 'paraphrase',
        (words) => api('POST', `/api/v1/checkin/items/${it.id}/turns`, { sort: 'paraphrase', words })));
    } else if (!(it.turns || []).some((t) => t.sort === 'paraphrase' && !t.mine)) {
      // felt heard is asked once the listener has said back what they heard
      steps.push(el('p', { class: 'hint' }, c.heardWait(otherName)));
    } else if (feltHeard(it)) {
      // said, and shown above: not asked again
    } else {
      steps.push(el('div', { class: 'stack' }, el('p', {}, c.heardAsk), el('div', { class: 'actions' },
        el('button', {
          type: 'button', class: 'btn btn--small btn--primary',
          onclick: () => act(() => api('POST', `/api/v1/checkin/items/${it.id}/turns`, { sort: 'heard', heard: true })),
        }, c.heardYes),
        el('button', {
          type: 'button', class: 'btn btn--small',
          onclick: () => act(() => api('POST', `/api/v1/checkin/items/${it.id}/turns`, { sort: 'heard', heard: false })),
        }, c.heardNo))));
    }
    steps.push(textForm(c.note, c.noteSave, 'note',
      (words) => api('POST', `/api/v1/checkin/items/${it.id}/turns`, { sort: 'note', words })));
    return el('article', { class: 'card stack talk-item', 'data-testid': 'talk-item' },
      el('p', { class: 'item-meta' }, `${c.itemOf(i + 1, n)} · ${c.topics[it.topic] || it.topic}`),
      el('p', { class: 'item-main' }, it.statement),
      el('p', { class: 'role' }, el('strong', {}, `${role}. `), it.mine ? c.speakerMe(otherName) : c.speaker(it.author)),
      turnTimer(it),
      said.childNodes.length ? said : null,
      ...steps,
      n > 1 ? el('div', { class: 'actions talk-nav' },
        el('button', { type: 'button', class: 'btn btn--small', disabled: i === 0, onclick: () => { position = i - 1; renderTalk(shownCur); } },
          el('span', { 'aria-hidden': 'true' }, '\u2190 '), c.prev),
        el('button', { type: 'button', class: 'btn btn--small', disabled: i + 1 >= n, onclick: () => { position = i + 1; renderTalk(shownCur); } },
          c.next, el('span', { 'aria-hidden': 'true' }, ' \u2192'))) : null);
  }

  function agreementForm(cur) {
    const what = field({ label: c.what, name: 'what', multiline: true, rows: 2, maxlength: MAX * 4 });
    const who = select(c.who, c.whos(otherName), 'both');
    const fu = field({ label: c.followUp, name: 'follow_up', type: 'date', optional: true });
    const msg = formMessage();
    const save = el('button', { type: 'submit', class: 'btn btn--primary' }, c.agree);
    const form = el('form', { class: 'stack checkin-agree', novalidate: true }, what.wrap, who.wrap, fu.wrap, msg.node,
      el('div', { class: 'actions' }, save));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      msg.clear();
      if (!what.input.value.trim()) {
        what.setError(c.empty);
        return;
      }
      busy(save, async () => {
        let r;
        try {
          r = await api('POST', `/api/v1/checkin/sessions/${cur.id}/agreements`, {
            what: what.input.value.trim(), who: who.input.value, ...(fu.input.value ? { follow_up: fu.input.value } : {}),
          });
        } catch (err) {
          msg.show(err.message);
          return;
        }
        if (r.follow_up_past) announce(c.agreePast);
        await refresh({ writing: true });
      });
    });
    return form;
  }

  function renderTalk(cur) {
    if (!cur || !cur.joined || !cur.items.length) {
      stopTurn();
      turn.item = null;
      turn.view = null;
    }
    if (!cur) {
      box.talk.replaceChildren(el('p', { class: 'hint' }, c.startHint),
        el('div', { class: 'actions' }, el('button', {
          type: 'button', class: 'btn btn--primary',
          onclick: () => act(() => api('POST', '/api/v1/checkin/start')),
        }, c.start)));
      return;
    }
    if (!cur.joined) {
      box.talk.replaceChildren(...[marksNote(cur.marks_damaged, c.marksDamaged), el('p', {}, c.joinHint(otherName)),
        el('div', { class: 'actions' }, el('button', {
          type: 'button', class: 'btn btn--primary',
          onclick: () => act(() => api('POST', `/api/v1/checkin/sessions/${cur.id}/join`)),
        }, c.join))].filter(Boolean));
      return;
    }
    const n = cur.items.length;
    if (position >= n) position = Math.max(0, n - 1);
    box.talk.replaceChildren(...[
      marksNote(cur.marks_damaged, c.marksDamaged),
      cur.partner_joined ? null : el('p', { class: 'hint' }, c.waiting(otherName)),
      n ? talkItem(cur.items[position], position, n) : el('p', { class: 'empty' }, c.noTalkItems),
      el('h3', {}, c.agreementsTitle),
      cur.agreements.length ? el('ul', { class: 'item-list' }, cur.agreements.map(agreementLine)) : el('p', { class: 'empty' }, c.noAgreements),
      // its agenda items (which check-in one is of is inside it), the turns
      // on them, its agreements: what could not be read, as the lists say
      damagedNote(cur.damaged),
      agreementForm(cur),
      el('div', { class: 'actions' }, el('button', {
        type: 'button', class: 'btn',
        onclick: () => act(async () => {
          await api('POST', `/api/v1/checkin/sessions/${cur.id}/end`);
          announce(c.ended);
        }),
      }, c.end)),
    ].filter(Boolean));
  }

  function renderHistory(h) {
    // all but the newest while it has not ended: that one is the talk's.
    // An older one that reads as not ended (its end mark could not be
    // read) is here too, with the note that says so.
    const past = h.checkins.filter((x, i) => x.ended || i > 0);
    box.history.replaceChildren(...[past.length
      ? el('ul', { class: 'item-list' }, past.map((x) => el('li', { class: 'item item--ours' },
        el('p', { class: 'item-main' }, c.historyLine(longWhen(x.started_at, timeZone()), x.items.length)),
        marksNote(x.marks_damaged, c.marksDamaged),
        x.agreements.length ? el('ul', { class: 'item-list' }, x.agreements.map(agreementLine)) : null)))
      : h.damaged > 0 ? null : el('p', { class: 'empty' }, c.noHistory),
    damagedNote(h.damaged)].filter(Boolean));
  }

  /* What the partner does (reveals an item, starts, joins, says back,
   * agrees, ends, sets the schedule) shows without a reload: the page asks
   * again every little while, and at once when it is looked at again. Each
   * part is redrawn only when what it shows changed, and a part someone is
   * writing in is left alone until they are done (a form that was sent is
   * redrawn: writing true). The agenda's form is never redrawn by this:
   * only the lists below it. */
  const shown = { sched: null, agenda: null, cur: null, hist: null, links: null };
  let shownCur = null;

  function writingIn(node) {
    const a = document.activeElement;
    if (a && node.contains(a) && a.matches('input, textarea, select')) return true;
    if (node.querySelector('details[open]')) return true;
    return [...node.querySelectorAll('textarea, input[type="date"]')].some((x) => x.value.trim() !== '');
  }

  /* Draw part key with paint(value) when value changed and no one is
   * writing in node (writing: redraw even so). */
  function draw(key, value, node, paint, writing) {
    const json = JSON.stringify(value);
    if (json === shown[key] || (!writing && shown[key] !== null && writingIn(node))) return;
    shown[key] = json;
    paint(value);
  }

  // only the newest refresh draws: an answer that was asked for before
  // something was done on the page never draws the page back
  let round = 0;
  let running = 0;
  let again = false;
  async function refresh(opts) {
    running += 1;
    try {
      await refreshNow(opts);
    } finally {
      running -= 1;
      // the next look a while after this one, however it came; or at once,
      // when the page was looked at again meanwhile
      if (running === 0 && again) {
        again = false;
        queueMicrotask(poll);
      } else if (running === 0) {
        arm();
      }
    }
  }
  async function refreshNow({ writing = false, all = true } = {}) {
    const mine = ++round;
    const [sched, agenda, cur] = await Promise.all([
      api('GET', '/api/v1/checkin/schedule'),
      api('GET', '/api/v1/checkin/agenda'),
      orNull(api('GET', '/api/v1/checkin/current')),
    ]);
    // history and the links of the form change with the talk, or elsewhere
    const talkChanged = JSON.stringify(cur) !== shown.cur;
    const [hist, goals, bounds] = await Promise.all([
      all || talkChanged ? api('GET', '/api/v1/checkin/history') : null,
      all ? api('GET', '/api/v1/goals?filter=mine&limit=100') : null,
      all ? api('GET', '/api/v1/boundaries?filter=mine&limit=100') : null,
    ]);
    if (ctx.stale() || mine !== round) return;
    draw('sched', sched, box.schedule, renderSchedule, writing);
    if (goals && bounds) {
      draw('links', [...goals.items, ...bounds.items].map((x) => ({ id: x.id, statement: x.statement })),
        box.agendaForm, (links) => box.agendaForm.replaceChildren(addItemForm(links)), false);
    }
    draw('agenda', agenda, box.agendaLists, renderAgenda, true);
    draw('cur', cur, box.talk, (x) => { shownCur = x; renderTalk(x); }, writing);
    if (hist) draw('hist', hist, box.history, renderHistory, true);
  }

  let pollTimer = 0;
  function arm() {
    window.clearTimeout(pollTimer);
    if (ctx.stale()) stopPolling();
    else pollTimer = window.setTimeout(poll, shownCur ? POLL_MS : IDLE_POLL_MS);
  }
  function stopPolling() {
    window.clearTimeout(pollTimer);
    document.removeEventListener('visibilitychange', lookAgain);
    window.removeEventListener('focus', lookAgain);
  }
  async function poll() {
    window.clearTimeout(pollTimer);
    if (ctx.stale()) {
      stopPolling();
      return;
    }
    // not over a refresh under way (one after something was done draws
    // what was sent, which a poll would leave to the writing rule): after it
    if (document.hidden) {
      arm();
    } else if (running > 0) {
      again = true;
    } else {
      try {
        await refresh({ all: false });
      } catch {
        // offline for a moment: the next round tries again
      }
    }
  }
  function lookAgain() {
    if (!document.hidden) poll();
  }
  document.addEventListener('visibilitychange', lookAgain);
  window.addEventListener('focus', lookAgain);

  ctx.main.replaceChildren(el('div', { class: 'stack' },
    pageHeading(c.title),
    el('p', { class: 'lead' }, c.lead),
    el('section', { class: 'card stack', 'aria-labelledby': 'ci-s' }, el('h2', { id: 'ci-s' }, c.scheduleTitle), box.schedule),
    el('section', { class: 'card stack', 'aria-labelledby': 'ci-a' }, el('h2', { id: 'ci-a' }, c.agendaTitle), box.agenda),
    el('section', { class: 'card stack', 'aria-labelledby': 'ci-t' }, el('h2', { id: 'ci-t' }, c.talkTitle), box.talk),
    el('section', { class: 'card stack', 'aria-labelledby': 'ci-h' }, el('h2', { id: 'ci-h' }, c.historyTitle), box.history)));
  await refresh({ writing: true });
}
