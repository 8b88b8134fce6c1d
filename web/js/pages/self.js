// Boundaries & goals: my boundaries and needs, my goals and my interests,
// each private until shared; my partner's shared ones beside them, which I
// can acknowledge, ask to talk about, or support, and never edit.
import { api } from '../api.js';
import { partner } from '../session.js';
import { b } from '../strings-self.js';
import { questionSection } from '../parts/question.js';
import { el, field, formMessage, busy, announce, pageHeading, when, confirmDialog, nextId, replace, damagedNote } from '../ui.js';
import { attachCoach } from '../parts/coach.js';

const MAX = 2000;

function select(label, options, value) {
  const id = nextId('sel');
  const input = el('select', { id },
    Object.entries(options).map(([v, text]) => el('option', { value: v }, text)));
  if (value !== undefined) input.value = value;
  return { wrap: el('div', { class: 'field' }, el('label', { for: id }, label), input), input };
}

function check(label) {
  const id = nextId('chk');
  const input = el('input', { type: 'checkbox', id });
  return { wrap: el('div', { class: 'check' }, input, el('label', { for: id }, label)), input };
}

function mark(it, other) {
  if (!it.mine) return `from ${it.author}`;
  return it.shared ? b.shared : b.private;
}

/* Where a boundary stands, in words, for its owner or its reader. */
function boundaryStatus(it, otherName) {
  const st = it.status;
  if (!it.shared || !st) return null;
  if (it.mine) {
    if (st.discuss) return b.discussMine(otherName);
    if (st.acknowledged) return b.acked(otherName);
    if (st.acknowledged_wording > 0) return b.reworded(otherName);
    return b.waiting(otherName);
  }
  if (st.discuss) return b.youDiscuss;
  if (st.acknowledged) return b.youAcked;
  if (st.acknowledged_wording > 0) return b.rewordedTheirs;
  return null;
}

export async function render(ctx) {
  const other = partner();
  const otherName = other ? other.name : 'your partner';
  const sections = {
    boundaries: el('div', { class: 'stack' }),
    goals: el('div', { class: 'stack' }),
    growing: el('div', { class: 'stack' }),
    interests: el('div', { class: 'stack' }),
  };

  async function act(fn) {
    try {
      await fn();
    } catch (err) {
      announce(err.message);
    }
    await refresh();
  }

  function shareButtons(path, it) {
    if (!it.mine) return [];
    return [
      el('button', {
        type: 'button', class: 'btn btn--small',
        onclick: () => act(() => api('POST', `${path}/${it.id}/${it.shared ? 'unshare' : 'share'}`)),
      }, it.shared ? b.unshareBtn : b.shareBtn),
      el('button', {
        type: 'button', class: 'btn btn--small btn--danger',
        onclick: async () => {
          if (!await confirmDialog({ title: b.deleteAsk, body: b.deleteBody, confirm: b.deleteBtn, cancel: b.cancel, danger: true })) return;
          await act(() => api('DELETE', `${path}/${it.id}`));
        },
      }, b.deleteBtn),
    ];
  }

  function boundaryItem(it) {
    const status = boundaryStatus(it, otherName);
    const history = el('details', { class: 'history' }, el('summary', {}, b.history));
    history.addEventListener('toggle', async () => {
      if (!history.open || history.dataset.loaded) return;
      const h = await api('GET', `/api/v1/boundaries/${it.id}/history`);
      history.dataset.loaded = '1';
      history.append(el('ol', { class: 'wordings' }, h.versions.map((v) => el('li', {},
        el('p', {}, v.statement), el('p', { class: 'item-meta' }, when(v.updated_at))))));
      if (h.damaged > 0) history.append(el('p', { class: 'hint', 'data-testid': 'damaged-wordings' }, b.damagedWordings(h.damaged)));
    });
    const actions = el('div', { class: 'actions' });
    if (it.mine) {
      const reword = el('details', { class: 'reword' }, el('summary', { class: 'btn btn--small' }, b.edit));
      const text = field({ label: b.statement, name: 'reword', multiline: true, rows: 3, maxlength: MAX * 4, value: it.statement });
      const save = el('button', { type: 'submit', class: 'btn btn--primary btn--small' }, b.editSave);
      const msg = formMessage();
      const form = el('form', { class: 'stack', novalidate: true }, text.wrap,
        it.shared ? el('p', { class: 'hint' }, b.editHintShared(otherName)) : null, msg.node, save);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        busy(save, async () => {
          try {
            await api('PUT', `/api/v1/boundaries/${it.id}`, { statement: text.input.value.trim() });
          } catch (err) {
            msg.show(err.message);
            return;
          }
          await refresh();
        });
      });
      reword.append(form);
      actions.append(...shareButtons('/api/v1/boundaries', it));
      return el('li', { class: 'item item--mine' },
        el('p', { class: 'item-main' }, it.statement),
        el('p', { class: 'item-meta' }, [b.forms[it.form], b.areas[it.area], mark(it)].join(' · ')),
        status ? el('p', { class: `status${it.status.acknowledged ? ' status--ok' : ''}` }, status) : null,
        it.why ? el('p', { class: 'why' }, it.why) : null,
        actions, reword, it.version > 1 ? history : null);
    }
    const st = it.status || {};
    if (!st.acknowledged) {
      actions.append(el('button', {
        type: 'button', class: 'btn btn--primary btn--small',
        onclick: () => act(async () => { await api('POST', `/api/v1/boundaries/${it.id}/ack`); announce(b.acknowledged); }),
      }, b.ack));
    }
    if (!st.discuss) {
      actions.append(el('button', {
        type: 'button', class: 'btn btn--small',
        onclick: () => act(async () => { await api('POST', `/api/v1/boundaries/${it.id}/discuss`); announce(b.discussAsked); }),
      }, b.discuss));
    }
    return el('li', { class: 'item item--theirs' },
      el('p', { class: 'item-main' }, it.statement),
      el('p', { class: 'item-meta' }, [b.forms[it.form], b.areas[it.area], mark(it)].join(' · ')),
      status ? el('p', { class: 'status' }, status) : null,
      it.why ? el('p', { class: 'why' }, it.why) : null,
      actions, it.version > 1 ? history : null);
  }

  function noteForm(it) {
    const text = field({
      label: it.mine ? b.progress : b.support(it.author), name: 'note', multiline: true, rows: 2, maxlength: MAX * 4,
    });
    const save = el('button', { type: 'submit', class: 'btn btn--small' }, it.mine ? b.progressSave : b.supportSave);
    const msg = formMessage();
    const form = el('form', { class: 'stack note-form', novalidate: true }, text.wrap, msg.node, save);
    const box = el('details', { class: 'reword' },
      el('summary', { class: 'btn btn--small' }, it.mine ? b.progress : b.supportSummary), form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!text.input.value.trim()) {
        text.setError(b.empty);
        return;
      }
      busy(save, async () => {
        try {
          await api('POST', `/api/v1/goals/${it.id}/notes`, { note: text.input.value.trim() });
        } catch (err) {
          msg.show(err.message);
          return;
        }
        await refresh();
      });
    });
    return box;
  }

  function goalItem(it) {
    const notes = (it.notes || []).filter((n) => !(it.mine && n.dismissed));
    const actions = el('div', { class: 'actions' });
    if (it.mine) {
      const st = select(b.statusLabel, b.statuses, it.status);
      st.input.addEventListener('change', () => act(() => api('PUT', `/api/v1/goals/${it.id}`, { status: st.input.value })));
      actions.append(st.wrap, ...shareButtons('/api/v1/goals', it));
    }
    return el('li', { class: `item ${it.mine ? 'item--mine' : 'item--theirs'}` },
      el('p', { class: 'item-main' }, it.statement),
      el('p', { class: 'item-meta' }, [b.statuses[it.status], it.target ? b.by(it.target) : null, mark(it)].filter(Boolean).join(' · ')),
      it.why ? el('p', { class: 'why' }, it.why) : null,
      notes.length ? el('ul', { class: 'notes' }, notes.map((n) => el('li', { class: `note note--${n.sort}` },
        el('p', { class: 'item-meta' }, `${n.sort === 'support' ? (n.mine ? b.yourSupport : b.supportFrom(n.author)) : b.progressMark} · ${when(n.created_at)}`),
        el('p', {}, n.note),
        it.mine && n.sort === 'support' ? el('button', {
          type: 'button', class: 'btn btn--small',
          onclick: () => act(() => api('POST', `/api/v1/goal-notes/${n.id}/dismiss`)),
        }, b.dismiss) : null))) : null,
      damagedNote(it.notes_damaged, 'notes'),
      actions,
      it.mine || it.shared ? noteForm(it) : null);
  }

  function interestItem(it) {
    return el('li', { class: `item ${it.mine ? 'item--mine' : 'item--theirs'}` },
      el('p', { class: 'item-main' }, it.statement),
      el('p', { class: 'item-meta' }, [it.with ? b.withs[it.with] : null, mark(it)].filter(Boolean).join(' · ')),
      it.note ? el('p', { class: 'why' }, it.note) : null,
      el('div', { class: 'actions' }, ...shareButtons('/api/v1/interests', it)));
  }

  function lists({ items, damaged }, render1, emptyMine) {
    const mine = items.filter((x) => x.mine);
    const theirs = items.filter((x) => !x.mine);
    return [
      el('h3', {}, b.mineTitle),
      mine.length ? el('ul', { class: 'item-list' }, mine.map(render1)) : el('p', { class: 'empty' }, emptyMine),
      other ? el('h3', {}, b.theirsTitle(other.name)) : null,
      other ? (theirs.length ? el('ul', { class: 'item-list' }, theirs.map(render1)) : el('p', { class: 'empty' }, b.noneTheirs(other.name))) : null,
      damagedNote(damaged),
    ];
  }

  async function refresh() {
    const [bs, gs, is] = await Promise.all([
      api('GET', '/api/v1/boundaries?limit=100'),
      api('GET', '/api/v1/goals?limit=100'),
      api('GET', '/api/v1/interests?limit=100'),
    ]);
    if (ctx.stale()) return;
    replace(sections.boundaries, ...lists(bs, boundaryItem, b.noneMine));
    replace(sections.goals, ...lists(gs, goalItem, b.noneGoals));
    const sharedGoals = gs.items.filter((g) => g.shared && g.status !== 'dropped');
    const col = (title, arr) => el('div', { class: 'growing-col stack' }, el('h3', {}, title),
      arr.length ? el('ul', { class: 'plain-list' }, arr.map((g) => el('li', {}, g.statement))) : el('p', { class: 'empty' }, b.noneShared));
    replace(sections.growing, other && sharedGoals.length
      ? el('div', { class: 'growing' }, col(b.mineTitle, sharedGoals.filter((g) => g.mine)),
        col(b.theirsTitle(other.name), sharedGoals.filter((g) => !g.mine)))
      : el('p', { class: 'empty' }, b.growingNone));
    replace(sections.interests, ...lists(is, interestItem, b.noneInterests));
  }

  function addForm({ summary, fields, save, submit }) {
    const msg = formMessage();
    const share = check(b.share);
    const button = el('button', { type: 'submit', class: 'btn btn--primary' }, save);
    const form = el('form', { class: 'stack', novalidate: true }, ...fields.map((f) => f.wrap), share.wrap, msg.node,
      el('div', { class: 'actions' }, button));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      msg.clear();
      const main = fields[0];
      if (!main.input.value.trim()) {
        main.setError(b.empty);
        main.input.focus();
        return;
      }
      busy(button, async () => {
        try {
          await submit(share.input.checked);
        } catch (err) {
          msg.show(err.message);
          return;
        }
        const shared = share.input.checked;
        form.reset();
        announce(shared ? b.savedShared : b.saved);
        box.open = false;
        await refresh();
      });
    });
    const box = el('details', { class: 'add' }, el('summary', { class: 'btn' }, summary), form);
    return box;
  }

  const bText = field({ label: b.statement, name: 'statement', multiline: true, rows: 3, required: true, hint: b.statementHint, maxlength: MAX * 4 });
  attachCoach(bText.input);
  const bForm = select(b.formLabel, b.forms, 'need');
  const bArea = select(b.areaLabel, b.areas, 'other');
  const bWhy = field({ label: b.why, name: 'why', multiline: true, rows: 2, optional: true, maxlength: MAX * 4 });
  const boundaryForm = addForm({
    summary: b.addBoundarySummary,
    fields: [bText, bForm, bArea, bWhy],
    save: b.addBoundary,
    submit: (shared) => api('POST', '/api/v1/boundaries', {
      statement: bText.input.value.trim(), form: bForm.input.value, area: bArea.input.value, shared,
      ...(bWhy.input.value.trim() ? { why: bWhy.input.value.trim() } : {}),
    }),
  });

  const gText = field({ label: b.goal, name: 'goal', multiline: true, rows: 2, required: true, maxlength: MAX * 4 });
  const gWhy = field({ label: b.why, name: 'why', multiline: true, rows: 2, optional: true, maxlength: MAX * 4 });
  const gTarget = field({ label: b.target, name: 'target', type: 'date', optional: true, hint: b.targetHint });
  const goalForm = addForm({
    summary: b.addGoalSummary,
    fields: [gText, gWhy, gTarget],
    save: b.addGoal,
    submit: (shared) => api('POST', '/api/v1/goals', {
      statement: gText.input.value.trim(), status: 'active', shared,
      ...(gWhy.input.value.trim() ? { why: gWhy.input.value.trim() } : {}),
      ...(gTarget.input.value ? { target: gTarget.input.value } : {}),
    }),
  });

  const iText = field({ label: b.interest, name: 'interest', required: true, maxlength: 800 });
  const iWith = select(b.withLabel, b.withs, '');
  const iNote = field({ label: b.note, name: 'note', multiline: true, rows: 2, optional: true, maxlength: MAX * 4 });
  const interestForm = addForm({
    summary: b.addInterestSummary,
    fields: [iText, iWith, iNote],
    save: b.addInterest,
    submit: (shared) => api('POST', '/api/v1/interests', {
      statement: iText.input.value.trim(), shared,
      ...(iWith.input.value ? { with: iWith.input.value } : {}),
      ...(iNote.input.value.trim() ? { note: iNote.input.value.trim() } : {}),
    }),
  });

  const question = other ? await questionSection(ctx.stale) : null;
  if (ctx.stale()) return;
  replace(ctx.main, el('div', { class: 'stack' },
    pageHeading(b.title),
    el('p', { class: 'lead' }, b.lead),
    question,
    el('section', { class: 'card stack', 'aria-labelledby': 'self-b' },
      el('h2', { id: 'self-b' }, b.tabs.boundaries), boundaryForm, sections.boundaries),
    el('section', { class: 'card stack', 'aria-labelledby': 'self-g' },
      el('h2', { id: 'self-g' }, b.tabs.goals), goalForm, sections.goals),
    el('section', { class: 'card stack', 'aria-labelledby': 'self-w' },
      el('h2', { id: 'self-w' }, b.growing), sections.growing),
    el('section', { class: 'card stack', 'aria-labelledby': 'self-i' },
      el('h2', { id: 'self-i' }, b.tabs.interests), interestForm, sections.interests)));
  await refresh();
  if (question && location.hash === '#question') question.scrollIntoView();
}
