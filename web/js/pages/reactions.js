// Reactions: note a moment of strong reaction (what happened, feelings
// from the vocabulary, intensity 0-10, urge, what I did, whether I paused,
// what I need), the trends with the server's chart, and the recent ones,
// each private until shared.
import { api } from '../api.js';
import { el, field, formMessage, busy, announce, pageHeading, when, confirmDialog, nextId, replace, damagedNote } from '../ui.js';
import { s } from '../strings-selfcare.js';
import { chartNode } from '../parts/svg.js';
import { itemEditor } from '../parts/itemedit.js';

const t = s.react;

export async function render(ctx) {
  const [vocab] = await Promise.all([api('GET', '/api/v1/feelings')]);
  if (ctx.stale()) return;

  const trends = el('section', { class: 'card stack', 'aria-labelledby': 'react-trends' });
  const list = el('ul', { class: 'item-list' });
  const damaged = el('div');

  async function refresh() {
    const [st, page] = await Promise.all([
      api('GET', '/api/v1/stats/reactions'),
      api('GET', '/api/v1/reactions?limit=20'),
    ]);
    if (ctx.stale()) return;
    const tops = (label, arr) => (arr.length
      ? el('p', {}, `${label}: ${arr.map((x) => `${x.word} (${x.count})`).join(', ')}`) : null);
    replace(trends,
      el('h2', { id: 'react-trends' }, t.trends),
      el('p', { class: 'lead' }, t.count(st.count, st.paused)),
      t.week(st.week.count, st.week.paused) ? el('p', {}, t.week(st.week.count, st.week.paused)) : null,
      st.count ? chartNode(st.chart) : null,
      tops(t.topFeelings, st.feelings),
      tops(t.topTriggers, st.triggers),
      damagedNote(st.damaged, 'reactions'));
    replace(list, ...page.items.map((it) => {
      // my own reactions can be corrected: what happened, how strong, what I need
      const ed = it.mine ? itemEditor({
        path: `/api/v1/reactions/${encodeURIComponent(it.id)}`,
        title: s.edit.reaction,
        fields: [
          { name: 'happened', label: t.happened, value: it.happened, multiline: true },
          { name: 'intensity', label: t.intensity, value: String(it.intensity), type: 'number', min: 0, max: 10 },
          { name: 'need', label: t.need, value: it.need || '', multiline: true, optional: true, hint: s.edit.needHint },
        ],
        body: (v) => ({ happened: v.happened, intensity: v.intensity === '' ? null : Number(v.intensity), need: v.need || null }),
        onSaved: refresh,
      }) : null;
      const actions = it.mine ? el('div', { class: 'actions' }, ed.button,
        el('button', {
          type: 'button', class: 'btn btn--small',
          onclick: async () => {
            await api('POST', `/api/v1/reactions/${it.id}/${it.shared ? 'unshare' : 'share'}`);
            await refresh();
          },
        }, it.shared ? t.unshareBtn : t.shareBtn),
        el('button', {
          type: 'button', class: 'btn btn--small btn--danger',
          onclick: async () => {
            if (!await confirmDialog({ title: t.deleteAsk, body: t.deleteBody, confirm: t.deleteBtn, cancel: t.cancel, danger: true })) return;
            await api('DELETE', `/api/v1/reactions/${it.id}`);
            await refresh();
          },
        }, t.deleteBtn)) : null;
      return el('li', { class: `item ${it.mine ? 'item--mine' : 'item--theirs'}` },
        el('p', { class: 'item-main' }, it.happened),
        el('p', { class: 'item-meta' }, [when(new Date(it.at * 1000).toISOString()), t.outOf(it.intensity),
          it.paused ? t.pausedMark : null, (it.feelings || []).join(', ') || null,
          it.mine ? (it.shared ? 'shared' : 'private') : `from ${it.author}`].filter(Boolean).join(' · ')),
        actions, ed ? ed.form : null);
    }));
    replace(damaged, damagedNote(page.damaged));
  }

  const happened = field({ label: t.happened, name: 'happened', multiline: true, rows: 3, required: true, maxlength: 4000 });
  const triggers = field({ label: t.triggers, name: 'triggers', hint: t.triggersHint, optional: true, maxlength: 220 });
  const feelingBoxes = [];
  const feelings = el('fieldset', { class: 'feelings' }, el('legend', {}, t.feelings),
    vocab.groups.map((g) => el('div', { class: 'feeling-group' },
      el('p', { class: 'feeling-label' }, g.label),
      g.words.map((w) => {
        const id = nextId('feel');
        const box = el('input', { type: 'checkbox', id, value: w });
        feelingBoxes.push(box);
        return el('span', { class: 'chip' }, box, el('label', { for: id }, w));
      }))));
  const intensityId = nextId('intensity');
  const intensity = el('input', { type: 'range', id: intensityId, min: '0', max: '10', step: '1', value: '5' });
  const intensityOut = el('output', { for: intensityId, class: 'intensity-value' }, '5');
  intensity.addEventListener('input', () => { intensityOut.textContent = intensity.value; });
  const urge = field({ label: t.urge, name: 'urge', optional: true, multiline: true, rows: 2, maxlength: 4000 });
  const did = field({ label: t.did, name: 'did', optional: true, multiline: true, rows: 2, maxlength: 4000 });
  const paused = el('input', { type: 'checkbox', id: 'react-paused' });
  const need = field({ label: t.need, name: 'need', optional: true, multiline: true, rows: 2, maxlength: 4000 });
  const share = el('input', { type: 'checkbox', id: 'react-share' });
  const save = el('button', { type: 'submit', class: 'btn btn--primary' }, t.save);
  const msg = formMessage();
  const form = el('form', { class: 'stack', novalidate: true },
    happened.wrap, triggers.wrap, feelings,
    el('div', { class: 'field' }, el('label', { for: intensityId }, t.intensity), el('div', { class: 'range' }, intensity, intensityOut)),
    urge.wrap, did.wrap,
    el('div', { class: 'check' }, paused, el('label', { for: 'react-paused' }, t.paused)),
    need.wrap,
    el('div', { class: 'check' }, share, el('label', { for: 'react-share' }, t.share)),
    msg.node, el('div', { class: 'actions' }, save));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    if (!happened.input.value.trim()) {
      happened.setError('Say in a few words what happened.');
      happened.input.focus();
      return;
    }
    busy(save, async () => {
      const body = {
        happened: happened.input.value.trim(),
        intensity: Number(intensity.value),
        paused: paused.checked,
        shared: share.checked,
        feelings: feelingBoxes.filter((b) => b.checked).map((b) => b.value),
      };
      const trig = triggers.input.value.split(',').map((x) => x.trim()).filter(Boolean);
      if (trig.length) body.triggers = trig;
      for (const [k, f] of [['urge', urge], ['did', did], ['need', need]]) if (f.input.value.trim()) body[k] = f.input.value.trim();
      try {
        await api('POST', '/api/v1/reactions', body);
      } catch (err) {
        msg.show(err.message);
        return;
      }
      form.reset();
      intensityOut.textContent = '5';
      announce(share.checked ? t.savedShared : t.saved);
      msg.show(t.saved, 'ok');
      await refresh();
    });
  });

  replace(ctx.main, el('div', { class: 'stack' },
    pageHeading(t.title),
    el('p', { class: 'lead' }, t.lead),
    el('section', { class: 'card' }, form),
    trends,
    el('section', { class: 'card stack' }, el('h2', {}, t.recent), list, damaged)));
  await refresh();
}
