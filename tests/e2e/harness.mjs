// What the browser tests share: the real dyad server on a free loopback
// port with a throwaway data folder, Debian's chromium through
// playwright-core (no browser download), axe-core checks and screenshots.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { PASS_A, PASS_B } from '../api/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../..');
export const outputDir = path.join(here, 'output');
const axePath = path.join(here, 'node_modules/axe-core/axe.min.js');

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 800 };

function freePort(host) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms) {
  const end = Date.now() + ms;
  let last = null;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`dyad serve exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      last = new Error(`healthz said ${res.status}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dyad serve did not answer /healthz in ${ms} ms: ${last}`);
}

/*
 * Start `dyad --data TMP serve --listen HOST:PORT` from DYAD_BIN
 * (scripts/test.sh sets it; default build/dyad), or use DYAD_E2E_URL.
 * opts.host: the address to listen on (default 127.0.0.1; 127.0.0.2
 * stands in for a LAN address); opts.args: more `serve` arguments.
 * Returns {url, port, data (its data folder; null for DYAD_E2E_URL), stop, log}.
 */
export async function startServer({ host = '127.0.0.1', args = [], env = {} } = {}) {
  // Against a server someone already runs (it must start with no space);
  // a test that needs its own environment (a test clock) cannot use one.
  if (process.env.DYAD_E2E_URL) {
    if (Object.keys(env).length) throw new Error('this test starts its own server (DYAD_E2E_URL cannot give it env)');
    return { url: process.env.DYAD_E2E_URL, data: null, stop: async () => {}, log: [] };
  }
  const bin = process.env.DYAD_BIN || path.join(top, 'build/dyad');
  if (!existsSync(bin)) throw new Error(`no dyad binary at ${bin}: run make first, or set DYAD_BIN`);
  const data = mkdtempSync(path.join(os.tmpdir(), 'dyad-e2e-'));
  const port = await freePort(host);
  const url = `http://${host}:${port}`;
  const log = [];
  const child = spawn(bin, ['--data', data, 'serve', '--listen', `${host}:${port}`, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  try {
    await waitHealthy(url, child, 15000);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
    throw new Error(`${err.message}\n${log.join('')}`);
  }
  async function stop() {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  }
  return { url, port, data, stop, log };
}

/* Debian's chromium, headless; each launch gets a fresh temporary profile.
 * extraArgs: more command-line switches (e.g. --host-resolver-rules). */
export async function launchBrowser(extraArgs = []) {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no chromium at ${executablePath}: apt-get install chromium`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/*
 * A new browser context (its own cookies: one partner's device) and page.
 * Collects console errors and CSP violations so tests can assert none.
 */
export async function newDevice(browser, baseURL) {
  const context = await browser.newContext({ baseURL, viewport: PHONE, reducedMotion: 'reduce', acceptDownloads: true });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // A 401/404 the app asked for on purpose shows up as a failed resource.
    if (/Failed to load resource: the server responded with a status of (401|404)/.test(text)) return;
    problems.push(text);
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  return { context, page, problems };
}

let axeCache = null;
function axeSource() {
  if (!axeCache) axeCache = readFileSync(axePath, 'utf8');
  return axeCache;
}

/*
 * How long a step may wait on the server deriving a key from a passphrase
 * or a recovery code (log in, make the space, join): Argon2id over 64 MiB,
 * 0.13-0.36 s on a quiet machine (make space and join derive two keys),
 * but 4-7 s when the tests had a sixth of one core, and more when other
 * jobs also fight for memory bandwidth: the one kind of step that outgrew
 * the context's 15 s under load (load 9-14 on 2 cores). Every other wait
 * keeps those 15 s. Tests that are not about logging in skip these steps
 * altogether (signedInCouple, coupleDevices: no key derived in a test).
 */
export const KEY_DERIVATION_MS = 60000;

/* Log a device in as name with pass, from the login page to Today. */
export async function login(device, name, pass) {
  const { page } = device;
  await page.goto('/login');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Passphrase', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
}

/* The first person makes the space through the setup page (a label when
 * given), acknowledges the recovery code and leaves the invitation for
 * later: the device ends on Today, signed in. */
export async function setUpAlone(device, { name, pass, label } = {}) {
  const { page } = device;
  await page.goto('/setup');
  if (label !== undefined) await page.getByLabel('A name for your space').fill(label);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Passphrase', { exact: true }).fill(pass);
  await page.getByLabel('Passphrase again').fill(pass);
  await page.getByRole('button', { name: 'Create our space' }).click();
  await page.getByLabel('I have written it down').check({ timeout: KEY_DERIVATION_MS });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'I will do this later' }).click();
  await page.waitForURL('**/today');
}

/* The two people of signedInCouple and coupleDevices unless a test names
 * its own: the passphrases of tests/api/helpers.mjs's couple. */
export const ANA = { name: 'Ana', pass: PASS_A };
export const BEN = { name: 'Ben', pass: PASS_B };

/* A couple made through the API, each in its own device's cookie jar (so
 * both are signed in): a makes the space and the invitation, b joins.
 * Each device keeps its session's CSRF token as device.csrf (for
 * devicePost). */
export async function coupleDevices(a, b, A = ANA, B = BEN, label = 'Us') {
  const slow = { timeout: KEY_DERIVATION_MS };
  let r = await a.context.request.post('/api/v1/space', { data: { label, name: A.name, passphrase: A.pass }, ...slow });
  if (r.status() !== 201) throw new Error(`making the space: ${r.status()} ${await r.text()}`);
  a.csrf = (await r.json()).csrf;
  r = await a.context.request.post('/api/v1/invites', { headers: { 'X-CSRF-Token': a.csrf } });
  if (r.status() !== 201) throw new Error(`making the invitation: ${r.status()} ${await r.text()}`);
  const { code } = await r.json();
  r = await b.context.request.post('/api/v1/join', { data: { code, name: B.name, passphrase: B.pass }, ...slow });
  if (r.status() !== 201) throw new Error(`joining: ${r.status()} ${await r.text()}`);
  b.csrf = (await r.json()).csrf;
}

/*
 * The usual start of a browser test for two: a fresh couple (coupleDevices:
 * A made the space, B joined) on two devices of their own, both signed in
 * and on Today. Returns [a, b]. The login page is not part of it: it has
 * tests of its own (partners, account), and a test that is about
 * something else should not wait on key derivations (KEY_DERIVATION_MS).
 */
export async function signedInCouple(browser, url, { A = ANA, B = BEN, label } = {}) {
  const a = await newDevice(browser, url);
  const b = await newDevice(browser, url);
  await coupleDevices(a, b, A, B, label);
  for (const { page } of [a, b]) {
    await page.goto('/today');
    await page.locator('main:not([aria-busy]) h1').first().waitFor();
  }
  return [a, b];
}

/*
 * Put the page on playwright's clock and hold it still: from here the
 * page's time (Date, setTimeout, setInterval, requestAnimationFrame) moves
 * only by page.clock.runFor / fastForward, never by itself, until
 * page.clock.resume(). Use it before anything the test counts on the
 * clock starts (a timer, a countdown, a poll), so that how long the test's
 * own steps take never counts: on a running clock the real seconds between
 * a step and the next runFor count too, so a loaded machine shows "0:58"
 * where a quiet one shows "0:59".
 *
 * time: where the page's clock starts (a Date or ms; default now). It is
 * then held HOLD_AHEAD_MS later, and pauseAt fires what falls due in that
 * minute once. The target is set from the start given to install, not read
 * back from the page: pauseAt refuses a time the page's clock has passed
 * ("Cannot fast-forward to the past"), and between reading the page's now
 * and the pause arriving a loaded machine can spend more than a second
 * (the old "now + 1 s" did fail so); only the two clock calls lie between
 * install and pauseAt here, never a minute.
 *
 * While held, the page's requestAnimationFrame waits too: resume before
 * checkPage (its screenshots wait for two frames in the page).
 * Returns the held time (ms).
 */
export const HOLD_AHEAD_MS = 60000;
export async function holdClock(page, { time = Date.now() } = {}) {
  const start = typeof time === 'number' ? time : time.getTime();
  await page.clock.install({ time: start });
  await page.clock.pauseAt(start + HOLD_AHEAD_MS);
  return start + HOLD_AHEAD_MS;
}

/*
 * The set-up most suites for two share: before the suite, a server, a
 * browser and a signed-in couple (signedInCouple); after it, both closed.
 * Call it inside describe(); set receives {server, browser, ana, ben} once
 * they exist, e.g. coupleSuite((s) => ({ server, browser, ana, ben } = s)).
 */
export function coupleSuite(set) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const [ana, ben] = await signedInCouple(browser, server.url);
    set({ server, browser, ana, ben });
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });
}

/* POST data as JSON with the device's session (its cookie and device.csrf,
 * from coupleDevices); returns the parsed answer, throwing unless the status
 * is the one expected (201 unless told). Some routes check the passphrase
 * (leaving): KEY_DERIVATION_MS. */
export async function devicePost(device, path, data, expect = 201) {
  const r = await device.context.request.post(path, { data, headers: { 'X-CSRF-Token': device.csrf }, timeout: KEY_DERIVATION_MS });
  if (r.status() !== expect) throw new Error(`POST ${path}: ${r.status()} ${await r.text()}`);
  return r.status() === 204 ? null : r.json();
}

/* Run axe-core on the page; returns the serious and critical violations. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Not page.addScriptTag: that adds an inline <script>, which the app's
  // CSP (script-src 'self') rightly blocks. Evaluating through the
  // DevTools protocol is not subject to the page's CSP.
  if (!loaded) await page.evaluate(axeSource());
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/* Screenshot the page at phone and desktop size as output/NAME-phone.png
 * and output/NAME-desktop.png; leaves the page at phone size. */
export async function screenshots(page, name) {
  mkdirSync(outputDir, { recursive: true });
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(outputDir, `${name}-${label}.png`), fullPage: true });
  }
}

/* Once the page has rendered: screenshot it at both sizes, and require that
 * it does not scroll sideways at phone width and that axe finds nothing
 * serious or critical at phone size and again at desktop size (a layout
 * that only the wide screen shows is checked too). Leaves the page at
 * phone size. */
export async function checkPage(page, name) {
  await page.locator('main:not([aria-busy]) h1').first().waitFor();
  // a value the code meant to leave out shows as text when it slips through
  const text = await page.locator('main').innerText();
  const leaked = text.match(/null|undefined|NaN|\[object Object\]/);
  assert.equal(leaked, null, `${name} shows "${leaked && leaked[0]}" as text`);
  await screenshots(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} scrolls sideways at 360 px by ${overflow} px`);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name} at phone size`);
  await page.setViewportSize(DESKTOP);
  try {
    await settle(page);
    assert.deepEqual(await axeViolations(page), [], `axe on ${name} at desktop size`);
  } finally {
    await page.setViewportSize(PHONE);
    await settle(page);
  }
}

/* Two animation frames: the layout after a viewport change has been drawn. */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
