// The pulse day in the browser, on the server's test clock (no waiting):
// Today asks for this week's pulse from Monday; choosing Saturday in
// Settings makes last Saturday's pulse this week's and the card goes;
// moving back to Monday the same day does not ask again; on the next
// Saturday Today asks. The check interval is chosen in Settings too, and
// the Settings page passes axe with both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, PHONE, startServer } from './harness.mjs';
import { Client, TestClock } from '../api/helpers.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
// noon UTC of a day of November 2026
const noon = (day) => Date.UTC(2026, 10, day, 12) / 1000;

describe('the pulse day in Settings and on Today', { timeout: 180000 }, () => {
  let clock;
  let server;
  let browser;
  const problems = [];

  before(async () => {
    clock = new TestClock(noon(21)); // Saturday the 21st
    server = await startServer({ env: { DYAD_TEST_CLOCK: clock.file, TZ: 'UTC' } });
    browser = await launchBrowser();
    // Ana's space and a pulse on Saturday the 21st, through the API
    const ana = new Client(server.url);
    let r = await ana.post('/api/v1/space', { name: A.name, passphrase: A.pass, zone: 'UTC' });
    assert.equal(r.status, 201, r.text);
    r = await ana.post('/api/v1/pulses', { connection: 6, self: 7 });
    assert.equal(r.status, 201, r.text);
    // then Wednesday the 25th, before any browser connects
    clock.set(noon(25));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (clock) clock.remove();
    assert.deepEqual(problems, []);
  });

  /* A fresh device (its own connections: none left over from before the
   * clock moved), logged in, on Today. */
  async function device() {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, reducedMotion: 'reduce', timezoneId: 'UTC' });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.goto('/login');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    await page.locator('main:not([aria-busy]) h1').first().waitFor();
    return { context, page };
  }

  const card = (page) => page.getByTestId('pulse-due');

  test('Today follows the pulse day chosen in Settings', async () => {
    const { context, page } = await device();
    // Monday's week: Saturday's pulse was last week's
    await card(page).waitFor();
    assert.match(await card(page).textContent(), /Your week from Monday 23 November\./);

    await page.goto('/settings');
    const day = page.getByLabel('Pulse day', { exact: true });
    assert.equal(await day.inputValue(), 'monday');
    assert.match(await page.locator('#pulse-day-hint').textContent(), /Your week starts on this day/);
    await day.selectOption({ label: 'Saturday' });
    await page.getByRole('button', { name: 'Save the pulse day' }).click();
    await page.getByText('Your pulse week starts on Saturday now.').waitFor();

    // Saturday's week holds Saturday's pulse: nothing to ask
    await page.getByRole('link', { name: 'Today' }).first().click();
    await page.waitForURL('**/today');
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await card(page).count(), 0);

    // back to Monday the same Wednesday: the week in progress had its
    // pulse, so it is not asked for again
    await page.goto('/settings');
    await page.getByLabel('Pulse day', { exact: true }).selectOption({ label: 'Monday' });
    await page.getByRole('button', { name: 'Save the pulse day' }).click();
    await page.getByText('Your pulse week starts on Monday now.').waitFor();
    await page.goto('/today');
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await card(page).count(), 0);
    // Saturday again, kept over a reload
    await page.goto('/settings');
    await page.getByLabel('Pulse day', { exact: true }).selectOption({ label: 'Saturday' });
    await page.getByRole('button', { name: 'Save the pulse day' }).click();
    await page.getByText('Your pulse week starts on Saturday now.').waitFor();
    await page.reload();
    assert.equal(await page.getByLabel('Pulse day', { exact: true }).inputValue(), 'saturday');
    await context.close();

    // the next Saturday is a new week: Today asks
    clock.set(noon(28));
    const later = await device();
    await card(later.page).waitFor();
    assert.match(await card(later.page).textContent(), /Your week from Saturday 28 November\./);
    await later.context.close();
  });

  test('the check interval is chosen in Settings, and the page passes axe', async () => {
    const { context, page } = await device();
    await page.goto('/settings');
    const every = page.getByLabel('Suggest it', { exact: true });
    assert.equal(await every.inputValue(), '3');
    assert.match(await page.locator('#check-every-hint').textContent(), /How often dyad suggests taking the differentiation check/);
    await every.selectOption({ label: 'Every 6 months' });
    await page.getByRole('button', { name: 'Save how often' }).click();
    await page.getByText('The check is now suggested every 6 months.').waitFor();
    const r = await page.request.get('/api/v1/me/settings');
    assert.equal((await r.json()).check_every, 6);
    await page.reload();
    assert.equal(await page.getByLabel('Suggest it', { exact: true }).inputValue(), '6');
    await checkPage(page, 'settings-pulse-day');
    await context.close();
  });
});
