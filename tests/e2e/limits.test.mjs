// The app's forms take their sizes from GET /api/v1/limits: a space label
// of the full 100 bytes and a journal title of the full 500 bytes go
// through whole (the app used to cut them at 80 and 200), and a title one
// byte too long is refused with a message before anything is sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, startServer } from './harness.mjs';

const PASS = 'long enough words';

async function limitsOf(url) {
  const res = await fetch(`${url}/api/v1/limits`);
  assert.equal(res.status, 200);
  return res.json();
}

async function maxlength(locator) {
  return Number(await locator.getAttribute('maxlength'));
}

describe('setup takes the server\'s limits', { timeout: 120000 }, () => {
  let server;
  let browser;
  let device;
  let lim;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
    lim = await limitsOf(server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('setup accepts a space label of the full 100 bytes and shows it whole', async () => {
    const { page } = device;
    assert.equal(lim.label.max, 100);
    // one word, no place to break: the phone layout must still not scroll sideways
    const label = 'L'.repeat(lim.label.max);
    await page.goto('/setup');
    const labelInput = page.getByLabel('A name for your space');
    assert.equal(await maxlength(labelInput), lim.label.max);
    assert.equal(await maxlength(page.getByLabel('Your name')), lim.name.max);
    assert.equal(await maxlength(page.getByLabel('Passphrase', { exact: true })), lim.passphrase.max);
    await page.getByText(`At least ${lim.passphrase.min} characters.`).waitFor();
    await labelInput.fill(label);
    assert.equal(await labelInput.inputValue(), label);
    await page.getByLabel('Your name').fill('Ana');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Passphrase again').fill(PASS);
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.getByLabel('I have written it down').check({ timeout: KEY_DERIVATION_MS });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'I will do this later' }).click();
    await page.waitForURL('**/today');
    assert.equal(await page.locator('.space-label').textContent(), label);
    await checkPage(page, 'limits-long-label');
    // overflowing to the left scrolls nothing, but cuts the label off
    const box = await page.locator('.space-label').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `the label spans ${box.x}..${box.x + box.width} of 360 px`);
    assert.deepEqual(device.problems, []);
  });
});

describe('the composer takes the server\'s limits', { timeout: 120000 }, () => {
  let server;
  let browser;
  let device;
  let lim;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
    lim = await limitsOf(server.url);
    // the space through the API, in the browser's own cookie jar
    const res = await device.context.request.post(`${server.url}/api/v1/space`, { data: { name: 'Ana', passphrase: PASS } });
    assert.equal(res.status(), 201, await res.text());
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  async function write(page, title) {
    await page.goto('/journal?write=1');
    const field = page.getByLabel('Title');
    assert.equal(await maxlength(field), lim.journal.title.max);
    await field.fill(title);
    assert.equal(await field.inputValue(), title);
    await page.getByLabel('Your entry').fill('A few lines.');
    await page.getByRole('button', { name: 'Save entry' }).click();
  }

  test('a title of the full 500 bytes is saved whole, in one-byte or two-byte letters', async () => {
    const { page } = device;
    assert.equal(lim.journal.title.max, 500);
    for (const title of ['t'.repeat(lim.journal.title.max), 'é'.repeat(lim.journal.title.max / 2)]) {
      await write(page, title);
      await page.waitForURL(/\/journal\/[^/?]+$/);
      await page.locator('main:not([aria-busy]) h1').first().waitFor();
      assert.equal(await page.locator('h1').first().textContent(), title);
    }
    await checkPage(page, 'limits-long-title');
    assert.deepEqual(device.problems, []);
  });

  test('a title one byte over the limit is refused in the app, and nothing is saved', async () => {
    const { page } = device;
    const before = await (await device.context.request.get(`${server.url}/api/v1/journal?filter=all&limit=${lim.page.max}`)).json();
    // 251 letters fit the field's maxlength of 500 characters, but are 502 bytes
    await write(page, `${'é'.repeat(lim.journal.title.max / 2)}é`);
    await page.getByText('That title is a little long. Try a shorter one.').waitFor();
    assert.match(page.url(), /\/journal\?write=1$/);
    const now = await (await device.context.request.get(`${server.url}/api/v1/journal?filter=all&limit=${lim.page.max}`)).json();
    assert.equal(now.items.length, before.items.length);
    await checkPage(page, 'limits-title-too-long');
    assert.deepEqual(device.problems, []);
  });
});
