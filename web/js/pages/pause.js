// The guided pause, one tap from every page (the shell's Pause button): a
// breathing pacer (in for 4, out for 6; a circle that grows and shrinks,
// or only the words when the person prefers reduced motion) and a
// 20-minute cool-down with the reason for it.
import { el, pageHeading } from '../ui.js';
import { s } from '../strings-selfcare.js';
import { clock } from '../parts/svg.js';

const t = s.pause;
const IN = 4;
const OUT = 6;
const COOL = 20 * 60;

export async function render(ctx) {
  const word = el('p', { class: 'breath-word', 'aria-live': 'polite' }, t.in);
  const circle = el('div', { class: 'breath-circle', 'aria-hidden': 'true' });
  const breathBtn = el('button', { type: 'button', class: 'btn btn--primary' }, t.startBreath);
  let breathTimer = 0;
  let phaseIn = true;

  function phase() {
    circle.classList.toggle('breath-circle--in', phaseIn);
    circle.classList.toggle('breath-circle--out', !phaseIn);
    word.textContent = phaseIn ? t.in : t.out;
    breathTimer = window.setTimeout(() => {
      phaseIn = !phaseIn;
      phase();
    }, (phaseIn ? IN : OUT) * 1000);
  }
  function stopBreathing() {
    window.clearTimeout(breathTimer);
    breathTimer = 0;
    circle.classList.remove('breath-circle--in', 'breath-circle--out');
    breathBtn.textContent = t.startBreath;
  }
  breathBtn.addEventListener('click', () => {
    if (breathTimer) {
      stopBreathing();
      return;
    }
    phaseIn = true;
    breathBtn.textContent = t.stopBreath;
    phase();
  });

  const coolDisplay = el('p', { class: 'timer-display', role: 'timer' }, clock(COOL));
  const coolMsg = el('p', { class: 'lead', role: 'status' });
  const coolBtn = el('button', { type: 'button', class: 'btn' }, t.coolStart);
  let coolTick = 0;
  let coolStart = 0;
  function stopCool() {
    window.clearInterval(coolTick);
    coolTick = 0;
    coolBtn.textContent = t.coolStart;
  }
  coolBtn.addEventListener('click', () => {
    if (coolTick) {
      stopCool();
      coolDisplay.textContent = clock(COOL);
      return;
    }
    coolMsg.textContent = '';
    coolStart = Date.now();
    coolBtn.textContent = t.coolStop;
    coolTick = window.setInterval(() => {
      const left = Math.max(0, COOL - Math.floor((Date.now() - coolStart) / 1000));
      coolDisplay.textContent = clock(left);
      if (left === 0) {
        stopCool();
        coolMsg.textContent = t.coolDone;
      }
    }, 250);
  });

  // Leaving the page stops both.
  const stopAll = () => {
    if (!ctx.stale()) return;
    stopBreathing();
    stopCool();
    window.removeEventListener('popstate', stopAll);
  };
  window.addEventListener('popstate', stopAll);
  document.addEventListener('click', function onLeave() {
    window.setTimeout(() => {
      if (ctx.stale()) {
        stopBreathing();
        stopCool();
        document.removeEventListener('click', onLeave);
      }
    }, 0);
  });

  ctx.main.replaceChildren(el('div', { class: 'stack' },
    pageHeading(t.title),
    el('section', { class: 'card stack pause-breath' },
      el('p', { class: 'lead' }, t.lead),
      circle, word,
      el('div', { class: 'actions' }, breathBtn)),
    el('section', { class: 'card stack' },
      el('h2', {}, t.coolTitle),
      el('p', {}, t.coolWhy),
      coolDisplay, coolMsg,
      el('div', { class: 'actions' }, coolBtn))));
}
