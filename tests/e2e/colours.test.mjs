// Each partner's colour: chosen at setup (and join), shown as "mine" and
// "theirs" on every page, changed in Settings (the partner's colour is not
// offered), and never inherited by a new partner from the one who left.
// Pages pass axe at phone and desktop size in light and dark schemes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, checkPage, DESKTOP, KEY_DERIVATION_MS, launchBrowser, newDevice, PHONE, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };

/* checkPage (axe at phone and desktop size), and axe again in the dark
 * scheme at desktop size. */
async function checkBoth(page, name) {
  await checkPage(page, name);
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await axeViolations(page), [], `axe on ${name} at desktop size, dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(PHONE);
}

/* POST as a client of the API (its own cookie); returns [json, cookie]. */
async function post(url, path, body, cookie = '', csrf = '') {
  const headers = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${text}`);
  const m = /dyad_session=([^;]+)/.exec(res.headers.get('set-cookie') || '');
  return [text ? JSON.parse(text) : null, m ? `dyad_session=${m[1]}` : cookie];
}

describe('partners\' colours in the browser', { timeout: 240000 }, () => {
  let server;
  let browser;
  let ana;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ana = await newDevice(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  const dataset = (page) => page.evaluate(() => ({ ...document.documentElement.dataset }));

  test('a colour is chosen at setup and marks what is mine', async () => {
    const { page } = ana;
    await page.goto('/setup');
    await page.getByRole('group', { name: 'Your colour' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Teal' }).isChecked(), 'teal is checked at first');
    await checkBoth(page, 'setup-colours');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
    await page.getByLabel('Passphrase again').fill(A.pass);
    await page.getByRole('radio', { name: 'Blue' }).check();
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    assert.equal((await dataset(page)).mine, 'blue');
    const blue = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--blue').trim());
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mine').trim()), blue);
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  });

  test('the partner\'s colour is theirs on Ana\'s pages; Settings changes mine and does not offer theirs', async () => {
    const { page } = ana;
    const cookie = (await ana.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (await (await page.request.get('/api/v1/session')).json()).csrf;
    const [inv] = await post(server.url, '/api/v1/invites', {}, cookie, csrf);
    await post(server.url, '/api/v1/join', { code: inv.code, name: 'Sam', passphrase: 'quiet morning tea', colour: 'amber' });
    await page.goto('/settings');
    await page.getByRole('group', { name: 'Your colour' }).waitFor();
    // the section's heading names the picker: the words show once, not as heading and legend
    assert.equal(await page.getByText('Your colour', { exact: true }).count(), 1);
    assert.equal(await page.locator('#colour-h').textContent(), 'Your colour');
    assert.equal(await page.getByText('You can change it later in Settings.').count(), 0);
    assert.deepEqual(await dataset(page), { mine: 'blue', theirs: 'amber' });
    const taken = page.getByRole('radio', { name: 'Amber (Sam’s)' });
    assert.ok(await taken.isDisabled(), 'Sam\'s colour is not offered');
    await checkBoth(page, 'settings-colours');
    await page.getByRole('radio', { name: 'Green' }).check();
    await page.getByRole('button', { name: 'Save the colour' }).click();
    await page.getByText('Your colour is green now.').waitFor();
    assert.equal((await dataset(page)).mine, 'green');
    await page.reload();
    await page.getByRole('group', { name: 'Your colour' }).waitFor();
    assert.deepEqual(await dataset(page), { mine: 'green', theirs: 'amber' });
    await checkBoth(page, 'settings-colours-changed');
  });

  test('Sam leaves and Jordan joins: Jordan has the default colour, not Sam\'s', async () => {
    const { page } = ana;
    const [, samCookie] = await post(server.url, '/api/v1/session', { name: 'Sam', passphrase: 'quiet morning tea' });
    const samCsrf = (await (await fetch(`${server.url}/api/v1/session`, { headers: { Cookie: samCookie } })).json()).csrf;
    await post(server.url, '/api/v1/me/leave', { passphrase: 'quiet morning tea' }, samCookie, samCsrf);
    const cookie = (await ana.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (await (await page.request.get('/api/v1/session')).json()).csrf;
    const [inv] = await post(server.url, '/api/v1/invites', {}, cookie, csrf);
    const jordan = await newDevice(browser, server.url);
    await jordan.page.goto(`/join#${inv.code}`);
    await jordan.page.getByRole('group', { name: 'Your colour' }).waitFor();
    await checkBoth(jordan.page, 'join-colours');
    await jordan.page.getByLabel('Your name').fill('Jordan');
    await jordan.page.getByLabel('Passphrase', { exact: true }).fill('jordan passphrase 5');
    await jordan.page.getByLabel('Passphrase again').fill('jordan passphrase 5');
    // left as offered: rose, checked at first on the join page
    assert.ok(await jordan.page.getByRole('radio', { name: 'Rose' }).isChecked());
    await jordan.page.getByRole('button', { name: 'Join', exact: true }).click();
    await jordan.page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    const mine = (await dataset(jordan.page)).mine;
    assert.equal(mine, 'rose', 'what Jordan was offered, not Sam\'s amber');
    await jordan.page.getByLabel('I have written it down').check();
    await jordan.page.getByRole('button', { name: 'Continue' }).click();
    await page.goto('/settings');
    await page.getByRole('group', { name: 'Your colour' }).waitFor();
    assert.deepEqual(await dataset(page), { mine: 'green', theirs: mine });
    assert.deepEqual(ana.problems, []);
    assert.deepEqual(jordan.problems, []);
  });
});
