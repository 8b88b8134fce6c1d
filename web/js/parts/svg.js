// A chart drawn by the server (the core's dy_chart_svg: the same picture
// as `dyad ... stats --svg`). Parsed as SVG by DOMParser and adopted, never
// set as innerHTML: the document is the server's own, and the core escapes
// every text in it. Anything but an <svg> root is dropped.
export function chartNode(svgText) {
  const doc = new DOMParser().parseFromString(String(svgText || ''), 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || doc.querySelector('parsererror')) return null;
  for (const bad of root.querySelectorAll('script, foreignObject')) bad.remove();
  const node = document.importNode(root, true);
  node.removeAttribute('width');
  node.removeAttribute('height');
  node.classList.add('chart');
  return node;
}

/* "1h30m", "10m", "45s" from seconds, as the core writes durations. */
export function durationText(sec) {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

/* A gentle bell through Web Audio: a soft sine that fades out. */
let audio = null;
export function bell() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    audio = audio || new Ctx();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = 528;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 2.5);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 2.6);
  } catch {
    // no sound is fine
  }
}

/* Keep the screen on where the browser allows; returns a release function. */
export async function keepAwake() {
  try {
    if (!('wakeLock' in navigator)) return () => {};
    const lock = await navigator.wakeLock.request('screen');
    return () => { lock.release().catch(() => {}); };
  } catch {
    return () => {};
  }
}

/* "4:05" */
export function clock(sec) {
  const m = Math.floor(sec / 60);
  const s = String(sec % 60).padStart(2, '0');
  return `${m}:${s}`;
}
