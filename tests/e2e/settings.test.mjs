// A person's time zone in the browser: the browser's zone is kept at log-in
// when the person has none, Settings shows and changes it (and "this
// browser's" again), the choice survives a reload, and the page passes axe
// at phone and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KEY_DERIVATION_MS, PHONE, checkPage, launchBrowser, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };

async function makeSpace(url) {
  const res = await fetch(`${url}/api/v1/space`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: A.name, passphrase: A.pass }),
  });
  assert.equal(res.status, 201, await res.text());
}

describe('a person\'s time zone in the browser', { timeout: 180000 }, () => {
  let server;
  let browser;
  let context;
  let page;
  const problems = [];

  before(async () => {
    server = await startServer();
    await makeSpace(server.url);
    browser = await launchBrowser();
    // a browser in Tokyo
    context = await browser.newContext({ baseURL: server.url, viewport: PHONE, reducedMotion: 'reduce', timezoneId: 'Asia/Tokyo' });
    context.setDefaultTimeout(15000);
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(String(err)));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  const zone = async () => (await (await page.request.get('/api/v1/me/settings')).json()).zone;

  test('a log-in keeps the browser\'s zone as the person\'s when they have none', async () => {
    await page.goto('/login');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase').fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    assert.equal(await zone(), 'Asia/Tokyo');
  });

  test('Settings shows the zone, changes it, and keeps the choice over a reload', async () => {
    await page.goto('/settings');
    const select = page.getByLabel('Time zone', { exact: true });
    await select.waitFor();
    assert.equal(await select.inputValue(), 'Asia/Tokyo');
    await checkPage(page, 'settings-zone');
    await select.selectOption('America/New_York');
    await page.getByRole('button', { name: 'Save the time zone' }).click();
    await page.getByText('Times are now shown in America/New York.').waitFor();
    assert.equal(await zone(), 'America/New_York');
    await page.reload();
    await page.getByLabel('Time zone', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Time zone', { exact: true }).inputValue(), 'America/New_York');
    // a new log-in from Tokyo does not undo the choice
    const res = await page.request.post('/api/v1/session', { data: { name: A.name, passphrase: A.pass, zone: 'Asia/Tokyo' } });
    assert.equal(res.status(), 200);
    assert.equal(await zone(), 'America/New_York');
  });

  test('"This browser\'s" goes back to having none', async () => {
    await page.goto('/settings');
    const select = page.getByLabel('Time zone', { exact: true });
    await select.selectOption({ label: 'This browser’s (Asia/Tokyo)' });
    await page.getByRole('button', { name: 'Save the time zone' }).click();
    await page.getByText('Times are now shown in Asia/Tokyo.').waitFor();
    assert.equal(await zone(), null);
    assert.deepEqual(problems, []);
  });
});
