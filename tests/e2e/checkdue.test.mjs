// Today's card for the differentiation check, on the server's test clock
// (no waiting): "Take the differentiation check" shows before any taking,
// is gone once a taking is finished and stays gone until the interval
// (three months by default) has passed, a day before it included, and
// comes back ("It has been 3 months") the day after; with the interval set
// to one month it comes back after one. A taking left half-way shows as
// waiting.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, PHONE, startServer } from './harness.mjs';
import { Client, TestClock } from '../api/helpers.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECK = JSON.parse(readFileSync(path.join(root, 'data', 'instruments', 'differentiation-check.json'), 'utf8'));
const DAY = 86400;
// a month as the core counts it: 1/12 of a mean Gregorian year
const MONTH = (365.2425 * DAY) / 12;
const start = Date.UTC(2026, 0, 5, 12) / 1000; // noon UTC, Monday 5 January 2026

describe('Today\'s card for the differentiation check', { timeout: 240000 }, () => {
  let clock;
  let server;
  let browser;
  const problems = [];

  before(async () => {
    clock = new TestClock(start);
    server = await startServer({ env: { DYAD_TEST_CLOCK: clock.file, TZ: 'UTC' } });
    browser = await launchBrowser();
    const ana = new Client(server.url);
    const r = await ana.post('/api/v1/space', { name: A.name, passphrase: A.pass, zone: 'UTC' });
    assert.equal(r.status, 201, r.text);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (clock) clock.remove();
    assert.deepEqual(problems, []);
  });

  /* A client of the API logged in as Ana (after any move of the clock). */
  async function api() {
    const c = new Client(server.url);
    const r = await c.post('/api/v1/session', { name: A.name, passphrase: A.pass });
    assert.equal(r.status, 200, r.text);
    return c;
  }

  /* Ana answers n sentences of a taking through the API (all "3" after
   * reverse-keying); finishes it when n is all of them. */
  async function take(n = CHECK.items.length) {
    const c = await api();
    const s = await c.post('/api/v1/takings', { instrument: CHECK.id });
    assert.equal(s.status < 300, true, s.text);
    for (let i = s.json.answered; i < n; i += 1) {
      const r = await c.post(`/api/v1/takings/${s.json.id}/answers`, { item: i, value: 3 });
      assert.equal(r.status, 200, r.text);
    }
    if (n === CHECK.items.length) {
      const f = await c.post(`/api/v1/takings/${s.json.id}/finish`);
      assert.equal(f.status < 300, true, f.text);
    }
  }

  /* A fresh device (no connection left from before the clock moved),
   * logged in, on Today once its due list is drawn. */
  async function today() {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, reducedMotion: 'reduce', timezoneId: 'UTC' });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.goto('/login');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    return { context, page };
  }

  const card = (page) => page.locator('.due--check');

  test('before any taking, Today offers the check', async () => {
    const { context, page } = await today();
    await card(page).waitFor();
    assert.match(await card(page).textContent(), /^Take the differentiation check/);
    assert.equal(await card(page).getByRole('link', { name: 'Take the check' }).getAttribute('href'), '/check/take');
    await checkPage(page, 'today-check-due');
    await context.close();
  });

  test('a taking left half-way shows as waiting', async () => {
    await take(5);
    const { context, page } = await today();
    await card(page).waitFor();
    assert.match(await card(page).textContent(), /^Your differentiation check is waiting half-way/);
    await card(page).getByRole('link', { name: 'Carry on (5 of 28 answered)' }).waitFor();
    await context.close();
  });

  test('after a taking the card is gone until three months have passed, and then back', async () => {
    await take();
    let { context, page } = await today();
    assert.equal(await card(page).count(), 0, 'no card the day of the taking');
    await context.close();

    // a day before the three months are up: still nothing
    clock.set(start + Math.floor(3 * MONTH) - DAY);
    ({ context, page } = await today());
    assert.equal(await card(page).count(), 0, 'no card a day before the interval has passed');
    await context.close();

    // a day after: due again
    clock.set(start + Math.ceil(3 * MONTH) + DAY);
    ({ context, page } = await today());
    await card(page).waitFor();
    assert.match(await card(page).textContent(), /^It has been 3 months: time for the differentiation check again/);
    await context.close();
  });

  test('with the interval set to one month, the card comes back after one month', async () => {
    await take();
    const c = await api();
    const r = await c.put('/api/v1/me/settings', { check_every: 1 });
    assert.equal(r.status, 200, r.text);
    const taken = clock.now;
    clock.set(taken + Math.floor(MONTH) - DAY);
    let { context, page } = await today();
    assert.equal(await card(page).count(), 0, 'no card a day before the month has passed');
    await context.close();
    clock.set(taken + Math.ceil(MONTH) + DAY);
    ({ context, page } = await today());
    await card(page).waitFor();
    assert.match(await card(page).textContent(), /^It has been a month: time for the differentiation check again/);
    await context.close();
  });
});
