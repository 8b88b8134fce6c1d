// Joining, recovering and renewing the recovery code in the browser: the
// invitation is checked before anything is typed, a taken name is told
// apart from a full space, "Forgot your passphrase?" works from the login
// page, and a reload on the recovery-code step does not lose the way back.
// Pages are checked with axe-core at phone and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };
const BOGUS = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH';

async function heading(page) {
  await page.locator('main:not([aria-busy]) h1').first().waitFor();
  return (await page.locator('h1').first().textContent()).trim();
}

async function fillAccount(page, who) {
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Passphrase', { exact: true }).fill(who.pass);
  await page.getByLabel('Passphrase again').fill(who.pass);
}

describe('joining and recovering in the browser', { timeout: 240000 }, () => {
  let server;
  let browser;
  let ana;
  let anaCode;
  let link;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ana = await newDevice(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('a reload on the recovery-code step leads to making a new code, and the old one stops working', async () => {
    const { page } = ana;
    await page.goto('/setup');
    await fillAccount(page, A);
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByText('choose “Forgot your passphrase?”').waitFor();
    const lost = (await page.getByTestId('recovery-code').textContent()).trim();
    await page.reload();
    assert.equal(await heading(page), 'Your recovery code was not written down yet');
    assert.equal(await page.getByText(lost).count(), 0, 'the unseen code is not shown again');
    await checkPage(page, 'recovery-pending');
    await page.getByLabel('Your passphrase', { exact: true }).fill('not my passphrase');
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    await page.getByText('That passphrase is not right').waitFor();
    await page.getByLabel('Your passphrase', { exact: true }).fill(A.pass);
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    await page.getByText('The one you had before no longer works').waitFor();
    anaCode = (await page.getByTestId('recovery-code').textContent()).trim();
    assert.notEqual(anaCode, lost);
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/today');
    // confirmed: a reload now stays on Today
    await page.reload();
    assert.match(await heading(page), /, Ana\.$/);
    const res = await fetch(`${server.url}/api/v1/recover`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: A.name, code: lost, passphrase: 'never set this' }),
    });
    assert.equal(res.status, 401, 'the code that was never confirmed no longer works');
  });

  test('an unknown invitation code is said before any form', async () => {
    const dev = await newDevice(browser, server.url);
    await dev.page.goto(`/join#${BOGUS}`);
    await dev.page.getByTestId('join-problem').filter({ hasText: 'not valid' }).waitFor();
    assert.equal(await dev.page.getByLabel('Passphrase', { exact: true }).count(), 0);
    await checkPage(dev.page, 'join-unknown');
    await dev.context.close();
  });

  test('a taken name is its own message, on the name field', async () => {
    const { page } = ana;
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    link = await page.getByLabel('Invitation link').inputValue();
    const dev = await newDevice(browser, server.url);
    await dev.page.goto(link);
    await dev.page.getByLabel('Your name').waitFor();
    await fillAccount(dev.page, { name: A.name, pass: B.pass });
    await dev.page.getByRole('button', { name: 'Join' }).click();
    await dev.page.getByText('Your partner already uses that name').waitFor();
    assert.equal(await dev.page.getByLabel('Your name').getAttribute('aria-invalid'), 'true');
    await checkPage(dev.page, 'join-name-taken');
    await dev.page.getByLabel('Your name').fill(B.name);
    await dev.page.getByRole('button', { name: 'Join' }).click();
    await dev.page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    await dev.page.getByLabel('I have written it down').check();
    await dev.page.getByRole('button', { name: 'Continue' }).click();
    await dev.page.waitForURL('**/today');
    await dev.context.close();
  });

  test('"Forgot your passphrase?" sets a new one with the recovery code and logs in', async () => {
    const dev = await newDevice(browser, server.url);
    const { page } = dev;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your passphrase?' }).click();
    await page.waitForURL('**/recover');
    assert.equal(await heading(page), 'Forgot your passphrase?');
    await checkPage(page, 'recover');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Recovery code').fill(BOGUS);
    await page.getByLabel('New passphrase', { exact: true }).fill('a fresh start');
    await page.getByLabel('New passphrase again').fill('a fresh start');
    await page.getByRole('button', { name: 'Set new passphrase' }).click();
    await page.getByText('That name and recovery code do not match').waitFor({ timeout: KEY_DERIVATION_MS });
    await page.getByLabel('Recovery code').fill(anaCode.toLowerCase());
    await page.getByRole('button', { name: 'Set new passphrase' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    assert.match(await heading(page), /, Ana\.$/);
    await page.getByText('Your new passphrase is set').waitFor();
    await dev.context.close();
    // the old passphrase is gone; the other device's session ended with it
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: A.name, passphrase: A.pass }),
    });
    assert.equal(res.status, 401);
  });

  test('Settings makes a new recovery code after the passphrase', async () => {
    const dev = await newDevice(browser, server.url);
    const { page } = dev;
    await page.goto('/login');
    await page.getByLabel('Your name').fill(A.name);
    await page.getByLabel('Passphrase').fill('a fresh start');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/today', { timeout: KEY_DERIVATION_MS });
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Recovery code' }).waitFor();
    await page.getByLabel('Your passphrase', { exact: true }).fill('a fresh start');
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    const fresh = (await page.getByTestId('recovery-code').textContent()).trim();
    assert.notEqual(fresh, anaCode);
    await checkPage(page, 'recovery-renewed');
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await dev.context.close();
  });
});

describe('a reload on the recovery-code step after joining', { timeout: 180000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  /* POST JSON to the server; [status, body]. */
  async function post(path, body, headers = {}) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
    });
    const text = await res.text();
    return [res.status, text ? JSON.parse(text) : null, res.headers.get('set-cookie')];
  }

  test('keeps the way back: the code unseen is never shown again, a new one is made with the passphrase and works', async () => {
    // Ana's space and an invitation, through the API
    const [made, space, cookie] = await post('/api/v1/space', { name: A.name, passphrase: A.pass });
    assert.equal(made, 201);
    const [invited, invite] = await post('/api/v1/invites', {},
      { Cookie: cookie.split(';')[0], 'X-CSRF-Token': space.csrf });
    assert.equal(invited, 201);

    const sam = await newDevice(browser, server.url);
    const { page } = sam;
    await page.goto(`/join#${invite.code}`);
    await page.getByLabel('Your name').waitFor();
    await fillAccount(page, B);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    const lost = (await page.getByTestId('recovery-code').textContent()).trim();
    await page.reload();
    // the step survives the reload, but not the code (it is kept nowhere
    // it could be read again): a new one is made
    assert.equal(await heading(page), 'Your recovery code was not written down yet');
    assert.equal(await page.getByText(lost).count(), 0, 'the unseen code is not shown again');
    await checkPage(page, 'join-recovery-pending');
    // moving elsewhere in the app leads back to the step until it is done
    await page.goto('/journal');
    assert.equal(await heading(page), 'Your recovery code was not written down yet');
    await page.getByLabel('Your passphrase', { exact: true }).fill('not my passphrase');
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    await page.getByText('That passphrase is not right').waitFor();
    await page.getByLabel('Your passphrase', { exact: true }).fill(B.pass);
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    await page.getByText('The one you had before no longer works').waitFor();
    const kept = (await page.getByTestId('recovery-code').textContent()).trim();
    assert.notEqual(kept, lost);
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/today');
    await page.reload();
    assert.match(await heading(page), /, Sam\.$/);
    assert.deepEqual(sam.problems, []);
    await sam.context.close();

    // the code never confirmed no longer works; the new one does
    const [old] = await post('/api/v1/recover', { name: B.name, code: lost, passphrase: 'never set this' });
    assert.equal(old, 401, 'the code that was never confirmed no longer works');
    const [used] = await post('/api/v1/recover', { name: B.name, code: kept, passphrase: 'a fresh start' });
    assert.equal(used, 204, 'the new code recovers Sam');
    const [login] = await post('/api/v1/session', { name: B.name, passphrase: 'a fresh start' });
    assert.equal(login, 200);
  });
});
