// A log-in that finds the server's key-derivation places all taken gets 503
// with Retry-After (tests/api/resources.test.mjs makes the server do it
// for real, with this body). The app says so calmly, keeps the typed name,
// and the next try logs in. The answer is given to the browser here by
// Playwright's routing, with the server's own body and header, so that the
// page's reaction is tested on every run rather than when a burst happens
// to win a race.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };

describe('a busy server at log-in', { timeout: 120000 }, () => {
  let server;
  let browser;
  let device;

  before(async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/api/v1/space`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: A.name, passphrase: A.pass }),
    });
    assert.equal(res.status, 201);
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('a 503 says calmly to try again in a few seconds and keeps the typed name; the next try logs in', async () => {
    const { page } = device;
    let busy = 1;
    await page.route('**/api/v1/session', async (route) => {
      if (route.request().method() === 'POST' && busy > 0) {
        busy -= 1;
        await route.fulfill({
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
          body: JSON.stringify({ error: { code: 'busy', message: 'The server is busy. Please try again in a moment.' } }),
        });
        return;
      }
      await route.continue();
    });
    await page.goto('/login');
    await page.getByLabel('Your name').fill('ana');
    await page.getByLabel('Passphrase').fill(A.pass);
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByText('The server is busy for a moment. Try again in a few seconds.');
    await alert.waitFor();
    assert.equal(await page.getByLabel('Your name').inputValue(), 'ana');
    assert.equal(new URL(page.url()).pathname, '/login');
    // not the wrong-passphrase message
    assert.equal(await page.getByText('do not match', { exact: false }).count(), 0);
    await checkPage(page, 'login-busy');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    assert.equal(busy, 0);
    assert.deepEqual(device.problems.filter((p) => !/status of 503/.test(p)), []);
  });
});
