// The time zone in use is the person's setting, not the browser's: a
// browser in Tokyo shows an entry written at 14:00 UTC on 9 March 2026 as
// "yesterday at 23:00" while the person has Tokyo (the browser's, kept at
// log-in), and as "today at 10:00" once Settings says America/New_York
// (the browser's "now" is fixed at 03:00 UTC on 10 March: the 10th in
// Tokyo, still the 9th in New York). Today's date and its "you wrote
// today" follow the setting too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KEY_DERIVATION_MS, PHONE, checkPage, launchBrowser, startServer } from './harness.mjs';
import { Client, TestClock } from '../api/helpers.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const written = Date.UTC(2026, 2, 9, 14) / 1000; // Monday 9 March 2026, 14:00 UTC
const now = Date.UTC(2026, 2, 10, 3) / 1000; // Tuesday 10 March, 03:00 UTC

describe('times follow the person\'s time zone, not the browser\'s', { timeout: 180000 }, () => {
  let clock;
  let server;
  let browser;
  let context;
  let page;
  const problems = [];

  before(async () => {
    clock = new TestClock(written);
    server = await startServer({ env: { DYAD_TEST_CLOCK: clock.file, TZ: 'UTC' } });
    const ana = new Client(server.url);
    let r = await ana.post('/api/v1/space', { name: A.name, passphrase: A.pass });
    assert.equal(r.status, 201, r.text);
    r = await ana.post('/api/v1/journal', { title: 'Lanterns by the canal', text: 'We walked until the lanterns came on.' });
    assert.equal(r.status, 201, r.text);
    clock.set(now);
    browser = await launchBrowser();
    // a browser in Tokyo, whose clock says the same "now" as the server's
    context = await browser.newContext({ baseURL: server.url, viewport: PHONE, reducedMotion: 'reduce', timezoneId: 'Asia/Tokyo' });
    context.setDefaultTimeout(15000);
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.clock.setFixedTime(new Date(now * 1000));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (clock) clock.remove();
  });

  const entryDate = async () => (await page.locator('.entry-card .entry-date').first().textContent()).trim();
  const todayDate = async () => (await page.locator('main .lead.date').textContent()).trim();

  test('with the browser\'s own zone (Tokyo) the entry is yesterday\'s, at 23:00', async () => {
    await page.goto('/login');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    assert.equal((await (await page.request.get('/api/v1/me/settings')).json()).zone, 'Asia/Tokyo');
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await todayDate(), 'Tuesday 10 March');
    assert.equal(await page.getByText('You wrote in your journal today.').count(), 0);
    await page.goto('/journal');
    await page.locator('.entry-card', { hasText: 'Lanterns by the canal' }).waitFor();
    assert.equal(await entryDate(), 'yesterday at 23:00');
  });

  test('with America/New_York chosen in Settings, the same browser shows it as today at 10:00', async () => {
    await page.goto('/settings');
    await page.getByLabel('Time zone', { exact: true }).selectOption('America/New_York');
    await page.getByRole('button', { name: 'Save the time zone' }).click();
    await page.getByText('Times are now shown in America/New York.').waitFor();
    await page.goto('/journal');
    await page.locator('.entry-card', { hasText: 'Lanterns by the canal' }).waitFor();
    assert.equal(await entryDate(), 'today at 10:00');
    await page.locator('.entry-card', { hasText: 'Lanterns by the canal' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Lanterns by the canal' }).waitFor();
    assert.equal((await page.locator('main .entry-date').first().textContent()).trim(), 'Written today at 10:00');
    await page.goto('/today');
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await todayDate(), 'Monday 9 March');
    await page.getByText('You wrote in your journal today.').waitFor();
    await checkPage(page, 'today-new-york-from-tokyo');
    // over a reload (the setting comes from the server, not the tab)
    await page.reload();
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await todayDate(), 'Monday 9 March');
    assert.deepEqual(problems, []);
  });
});
