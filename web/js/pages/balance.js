// Balance: this week's pulse (how connected, how free to be myself, and
// optionally two pictures of closeness), where I stand on the balance map,
// and my recent pulses with their sharing. The map is the server's SVG
// (drawn by the core, the same picture as `dyad balance --svg`).
import { api } from '../api.js';
import { partnerName } from '../session.js';
import { t } from '../strings.js';
import { announce, busy, dayDate, el, formMessage, nextId, pageHeading, replace, timeZone, when } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';

/* Two circles, overlapping more as level goes from 1 to 7 (Aron, Aron &
 * Smollan's Inclusion of Other in Self picture), in our two colours. */
function circles(level) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 64 34');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'ios');
  const gap = 26 - (level - 1) * 4.3; // centres from 26 apart to touching-through
  for (const [i, cx] of [[0, 32 - gap / 2], [1, 32 + gap / 2]]) {
    const c = document.createElementNS(SVG, 'circle');
    c.setAttribute('cx', String(cx));
    c.setAttribute('cy', '17');
    c.setAttribute('r', '13');
    c.setAttribute('class', i ? 'ios-theirs' : 'ios-mine');
    svg.append(c);
  }
  return svg;
}

/* A 0..10 slider with its value said beside it. */
function slider(label, hint, name) {
  const id = nextId(name);
  const out = el('output', { for: id, class: 'slider-value' }, '5');
  const input = el('input', { type: 'range', id, name, min: 0, max: 10, step: 1, value: 5,
    'aria-describedby': `${id}-hint` });
  input.addEventListener('input', () => { out.textContent = input.value; });
  return {
    input,
    wrap: el('div', { class: 'field slider' },
      el('label', { for: id }, label),
      el('p', { class: 'hint', id: `${id}-hint` }, hint),
      el('div', { class: 'slider-row' },
        el('span', { class: 'slider-end', 'aria-hidden': 'true' }, '0'), input,
        el('span', { class: 'slider-end', 'aria-hidden': 'true' }, '10'), out)),
  };
}

/* Seven pictures to choose one from (or none): a radio group. */
function closenessChoice(legend, name) {
  const options = [];
  for (let level = 1; level <= 7; level += 1) {
    const id = nextId(name);
    const input = el('input', { type: 'radio', name, id, value: level });
    options.push(el('div', { class: 'ios-option' }, input,
      el('label', { for: id }, circles(level), el('span', { class: 'visually-hidden' }, t.balance.closenessLevel(level)))));
  }
  const fieldset = el('fieldset', { class: 'field ios-choice' },
    el('legend', {}, legend, el('span', { class: 'label-note' }, ` ${t.form.optional}`)),
    el('div', { class: 'ios-options' }, options));
  return {
    wrap: fieldset,
    value: () => {
      const picked = fieldset.querySelector('input:checked');
      return picked ? Number(picked.value) : undefined;
    },
  };
}

/* The server's SVG as a node. It is built by the core with every text
 * escaped; parsing it as SVG (never as HTML) keeps scripts out all the
 * same. */
function svgNode(markup) {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') return el('p', { class: 'empty' }, t.balance.mapFailed);
  return document.importNode(root, true);
}

function pulseRow(p, refresh) {
  const share = el('button', { type: 'button', class: 'btn btn--quiet' },
    p.shared ? t.balance.unshare : t.balance.share);
  share.addEventListener('click', () => busy(share, async () => {
    await api('POST', `/api/v1/pulses/${p.id}/${p.shared ? 'unshare' : 'share'}`);
    announce(p.shared ? t.balance.nowPrivate : t.balance.nowShared(partnerName(t.yourPartner)));
    await refresh();
  }));
  return el('li', { class: `pulse-row${p.shared ? ' is-shared' : ''}` },
    el('span', { class: 'pulse-when' }, when(p.created_at)),
    el('span', { class: 'pulse-scores' }, t.balance.scores(p.connection, p.self)),
    el('span', { class: 'pulse-vis' }, p.shared ? t.balance.shared : t.balance.private),
    p.note ? el('span', { class: 'pulse-note' }, p.note) : null,
    share);
}

export async function render(ctx) {
  const other = partnerName(t.yourPartner);
  const connection = slider(t.balance.connectionLabel(other), t.balance.connectionHint, 'connection');
  const self = slider(t.balance.selfLabel, t.balance.selfHint, 'self');
  const now = closenessChoice(t.balance.nowLegend, 'closeness_now');
  const wish = closenessChoice(t.balance.wishLegend, 'closeness_wish');
  const noteId = nextId('note');
  const note = el('input', { type: 'text', id: noteId, name: 'note', maxlength: 1000 });
  const shareId = nextId('share');
  const shareBox = el('input', { type: 'checkbox', id: shareId, role: 'switch' });
  const msg = formMessage();
  const save = el('button', { type: 'submit', class: 'btn btn--primary' }, t.balance.save);
  shareBox.addEventListener('change', () => {
    save.textContent = shareBox.checked ? t.balance.saveAndShare : t.balance.save;
  });
  const form = el('form', { class: 'card stack pulse-form', novalidate: true, 'aria-labelledby': 'pulse-h' },
    el('h2', { id: 'pulse-h' }, t.balance.formTitle),
    connection.wrap, self.wrap, now.wrap, wish.wrap,
    el('div', { class: 'field' },
      el('label', { for: noteId }, t.balance.noteLabel, el('span', { class: 'label-note' }, ` ${t.form.optional}`)),
      note),
    el('div', { class: 'check' }, shareBox, el('label', { for: shareId }, t.balance.shareWith(other))),
    msg.node,
    el('div', { class: 'actions' }, save));

  // Once this week's pulse is given the form steps aside for a short note
  // (one pulse a week is the rhythm), and comes back on request.
  const done = el('div', { class: 'card stack pulse-done', 'data-testid': 'pulse-done', hidden: true });
  let another = false;

  const standing = el('section', { class: 'stack standing', 'aria-labelledby': 'stand-h' });
  const recent = el('section', { class: 'stack', 'aria-labelledby': 'recent-h' });

  async function refresh() {
    const [bal, list] = await Promise.all([
      api('GET', `/api/v1/balance?tz=${encodeURIComponent(timeZone())}`),
      api('GET', '/api/v1/pulses?filter=mine&limit=8'),
    ]);
    if (ctx.stale()) return;
    const given = Boolean(bal.week && bal.week.given);
    if (given) {
      const again = el('button', { type: 'button', class: 'btn' }, t.balance.again);
      again.addEventListener('click', () => {
        another = true;
        done.hidden = true;
        form.hidden = false;
        connection.input.focus();
      });
      replace(done,
        el('h2', {}, t.balance.doneTitle),
        el('p', {}, t.balance.doneHint(dayDate(bal.week.from, 7))),
        el('div', { class: 'actions' }, again));
    }
    done.hidden = !given || another;
    form.hidden = given && !another;
    replace(standing,
      el('h2', { id: 'stand-h' }, t.balance.standTitle),
      bal.count
        ? el('p', { class: 'lead region' }, bal.words)
        : el('p', { class: 'empty' }, t.balance.none),
      bal.trend ? el('p', {}, bal.trend.words) : (bal.count ? el('p', { class: 'hint' }, t.balance.trendLater) : null),
      // the gap between the two closeness pictures, once a pulse has both
      bal.closeness ? el('p', { class: 'closeness-gap', 'data-testid': 'closeness-gap' }, bal.closeness.words) : null,
      el('figure', { class: 'balance-map' }, svgNode(bal.map),
        el('figcaption', { class: 'hint' }, t.balance.mapCaption(bal.partner_count, other))));
    replace(recent,
      el('h2', { id: 'recent-h' }, t.balance.recentTitle),
      list.items.length
        ? el('ul', { class: 'pulse-list' }, list.items.map((p) => pulseRow(p, refresh)))
        : el('p', { class: 'empty' }, t.balance.noneYet));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.clear();
    const body = { connection: Number(connection.input.value), self: Number(self.input.value), shared: shareBox.checked };
    if (now.value() !== undefined) body.closeness_now = now.value();
    if (wish.value() !== undefined) body.closeness_wish = wish.value();
    if (note.value.trim()) body.note = note.value.trim();
    busy(save, async () => {
      try {
        await api('POST', '/api/v1/pulses', body);
      } catch (err) {
        msg.show(err.message);
        return;
      }
      announce(shareBox.checked ? t.balance.savedShared(other) : t.balance.saved);
      form.reset();
      another = false;
      connection.input.dispatchEvent(new Event('input'));
      self.input.dispatchEvent(new Event('input'));
      save.textContent = t.balance.save;
      await refresh();
    });
  });

  replace(ctx.main,
    el('div', { class: 'stack' }, pageHeading(t.balance.title), el('p', { class: 'lead' }, t.balance.lead)),
    done, form, standing, recent);
  await refresh();
}
