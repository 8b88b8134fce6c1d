// The differentiation check: /check shows my results (a bar per part with
// what it means, the overall score, the change since the taking before in
// plain words, my takings) and my partner's shared ones; /check/take asks
// one sentence per screen with a progress bar, saving each answer at once,
// so that stopping anywhere and coming back carries on.
import { api } from '../api.js';
import { partnerName } from '../session.js';
import { t } from '../strings.js';
import { a } from '../strings-assess.js';
import { announce, busy, confirmDialog, el, formMessage, nextId, pageHeading, when } from '../ui.js';

const CHECK = 'dyad-differentiation-check';

function day(iso) {
  return when(iso).split(',')[0];
}

/* One bar: a part's name, its score on the scale, and what it means. */
function facetRow(name, score, scale, meaning, mine) {
  const pct = Math.max(0, Math.min(100, ((score - scale.min) / (scale.max - scale.min)) * 100));
  const fill = el('span', { class: `facet-fill ${mine ? 'facet-fill--mine' : 'facet-fill--theirs'}` });
  fill.style.width = `${pct.toFixed(1)}%`; // CSSOM, which the CSP allows (a style attribute it refuses)
  return el('li', { class: 'facet' },
    el('div', { class: 'facet-head' },
      el('span', { class: 'facet-name' }, name),
      el('span', { class: 'facet-score' }, a.score(score))),
    el('div', { class: 'facet-bar', 'aria-hidden': 'true' }, fill),
    meaning ? el('p', { class: 'hint' }, meaning) : null);
}

function takingBars(taking, scale, mine) {
  return el('ul', { class: 'facet-list' },
    taking.facets.map((f) => facetRow(f.name, f.score, scale, f.meaning, mine)),
    facetRow(a.overall, taking.overall, scale, null, mine));
}

/* The smallest reliable change as said: the smallest figure of two
 * decimals above it (a change is reliable only when |RCI| > 1.96, so a
 * change of exactly 0.47 is noise when the threshold is 0.4704: it is said
 * as 0.48, not rounded to the nearest). */
function reliableShown(delta) {
  return (Math.floor(delta * 100) + 1) / 100;
}

function changeSection(change) {
  if (!change) return null;
  return el('section', { class: 'stack change', 'aria-labelledby': nextId('chg') },
    el('h3', {}, a.changeTitle),
    el('p', { class: 'lead change-words' }, change.words),
    el('ul', { class: 'change-list' }, change.facets.map((f) => el('li', {}, a.facetChange(f.words, f.rci)))),
    el('p', { class: 'hint' }, a.rciNote(reliableShown(change.overall.reliable_delta))));
}

/* The results of one person: latest bars, change, (mine:) the history. */
function resultsView(rep, mine, refresh, other) {
  const scale = rep.instrument ? rep.instrument.scale : { min: 1, max: 6 };
  const n = rep.takings.length;
  if (n === 0) return el('p', { class: 'empty' }, mine ? a.none : a.theirsNone(other));
  const latest = rep.takings[n - 1];
  const parts = [
    el('h3', {}, mine ? a.latest(day(latest.taken_at)) : a.theirLatest(other, day(latest.taken_at))),
    takingBars(latest, scale, mine),
    changeSection(rep.change),
  ];
  if (mine) {
    parts.push(el('h3', {}, a.history), el('ul', { class: 'taking-list' }, rep.takings.slice().reverse().map((tk) => {
      const del = el('button', { type: 'button', class: 'btn btn--quiet' }, a.remove);
      del.addEventListener('click', async () => {
        const ok = await confirmDialog({ title: a.removeTitle, body: a.removeBody, confirm: a.remove, cancel: a.removeKeep, danger: true });
        if (!ok) return;
        await busy(del, () => api('DELETE', `/api/v1/takings/${tk.id}`));
        announce(a.removed);
        await refresh();
      });
      return el('li', { class: 'taking-row' }, el('span', {}, a.historyRow(day(tk.taken_at), tk.overall, tk.shared)), del);
    })));
  }
  return el('div', { class: 'stack' }, parts);
}

async function renderResults(ctx) {
  const other = partnerName(null);
  const mineBox = el('section', { class: 'card stack', 'aria-labelledby': 'mine-h' });
  const theirsBox = other ? el('section', { class: 'card stack from-partner', 'aria-labelledby': 'theirs-h' }) : null;
  const action = el('p', {});
  const shareId = nextId('share');
  const shareBox = el('input', { type: 'checkbox', id: shareId, role: 'switch' });

  async function refresh() {
    const [rep, theirs] = await Promise.all([
      api('GET', `/api/v1/results?instrument=${CHECK}`),
      other ? api('GET', `/api/v1/results?instrument=${CHECK}&filter=theirs`) : Promise.resolve(null),
    ]);
    if (ctx.stale()) return;
    const u = rep.unfinished;
    action.replaceChildren(el('a', { href: '/check/take', class: 'btn btn--primary' },
      u ? a.resume(u.answered, u.items) : (rep.takings.length ? a.again : a.start)));
    shareBox.checked = rep.sharing;
    mineBox.replaceChildren(el('h2', { id: 'mine-h' }, a.mineTitle), resultsView(rep, true, refresh, other),
      other ? el('div', { class: 'check' }, shareBox, el('label', { for: shareId }, a.shareLabel(other))) : null);
    if (theirsBox) {
      theirsBox.replaceChildren(
        el('h2', { id: 'theirs-h' }, el('span', { class: 'dot dot--theirs', 'aria-hidden': 'true' }), a.theirsTitle(other)),
        resultsView(theirs, false, refresh, other));
    }
  }

  shareBox.addEventListener('change', async () => {
    shareBox.disabled = true;
    try {
      await api('POST', `/api/v1/results/${shareBox.checked ? 'share' : 'unshare'}`);
      announce(shareBox.checked ? a.sharedNow(other) : a.privateNow);
      await refresh();
    } finally {
      shareBox.disabled = false;
    }
  });

  ctx.main.replaceChildren(
    el('div', { class: 'stack' }, pageHeading(a.title), el('p', { class: 'lead' }, a.lead), action),
    mineBox, theirsBox,
    el('p', { class: 'hint' }, a.mirror));
  await refresh();
}

/* One sentence per screen. */
async function renderTake(ctx) {
  const [ins, start] = await Promise.all([
    api('GET', `/api/v1/instruments/${CHECK}`),
    api('POST', '/api/v1/takings', { instrument: CHECK }),
  ]);
  if (ctx.stale()) return;
  let taking = start;
  let index = Math.min(taking.next, ins.items.length - 1);
  const labels = ins.scale.labels;
  const msg = formMessage();
  const progress = el('progress', { max: ins.items.length, value: taking.answered, 'aria-labelledby': 'take-count' });
  const progressText = el('p', { class: 'take-count', id: 'take-count' });
  const back = el('button', { type: 'button', class: 'btn btn--quiet' }, a.back);
  const stop = el('a', { href: '/check', class: 'btn btn--quiet take-stop' }, a.stop);

  async function finish() {
    await api('POST', `/api/v1/takings/${taking.id}/finish`);
    announce(a.finished);
    ctx.navigate('/check', { replace: true });
  }

  const next = el('button', { type: 'submit', class: 'btn btn--primary' }, a.next);
  const form = el('form', { class: 'take-form stack', novalidate: true });

  function show() {
    progress.value = taking.answered;
    progressText.textContent = a.progress(index + 1, ins.items.length);
    back.disabled = index === 0;
    next.textContent = taking.answered + (taking.answers[index] === null ? 1 : 0) === ins.items.length ? a.finish : a.next;
    const options = labels.map((label, i) => {
      const value = ins.scale.min + i;
      const id = nextId('opt');
      return el('div', { class: 'scale-option' },
        el('input', { type: 'radio', name: 'answer', id, value, checked: taking.answers[index] === value }),
        el('label', { for: id }, label));
    });
    form.replaceChildren(
      el('fieldset', { class: 'take-item', 'aria-describedby': 'take-count' },
        el('legend', { class: 'take-text' }, ins.items[index].text),
        el('p', { class: 'hint' }, a.scaleLegend),
        el('div', { class: 'scale-options' }, options)),
      msg.node,
      el('div', { class: 'actions take-actions' }, back, next));
    const first = form.querySelector('input:checked') || form.querySelector('input');
    if (first) first.focus({ preventScroll: true });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    const picked = form.querySelector('input[name="answer"]:checked');
    if (!picked) {
      msg.show(a.pickOne);
      return;
    }
    busy(next, async () => {
      try {
        taking = await api('POST', `/api/v1/takings/${taking.id}/answers`, { item: index, value: Number(picked.value) });
        if (ctx.stale()) return;
        if (taking.answered === ins.items.length) {
          await finish();
          return;
        }
      } catch (err) {
        msg.show(err.message);
        return;
      }
      index = taking.next; // the first sentence not answered yet
      show();
    });
  });

  back.addEventListener('click', () => {
    if (index > 0) {
      index -= 1;
      show();
    }
  });

  ctx.main.replaceChildren(
    el('div', { class: 'stack take' },
      pageHeading(ins.title),
      el('div', { class: 'take-progress' }, progress, progressText),
      form,
      el('p', {}, stop)));
  show();
  stop.addEventListener('click', () => announce(a.stopped(taking.answered, ins.items.length)));
}

export async function render(ctx) {
  if (ctx.page === 'check-take') await renderTake(ctx);
  else await renderResults(ctx);
}
