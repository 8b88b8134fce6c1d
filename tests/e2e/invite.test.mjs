// The invitation flow from an address other than 127.0.0.1: the server
// listens on 127.0.0.2 (standing in for the machine's address on the home
// network) and the link must use the address the browser used. Through a
// name (dyad.home, resolved to 127.0.0.2 by chromium's host resolver
// rules) the link has no loopback warning and comes with a QR code and,
// where the browser offers one, the share sheet; the partner joins from
// that link. Each state is checked with axe-core at phone and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };

async function setUp(page) {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.getByLabel('Your name').fill(A.name);
  await page.getByLabel('Passphrase', { exact: true }).fill(A.pass);
  await page.getByLabel('Passphrase again').fill(A.pass);
  await page.getByRole('button', { name: 'Create our space' }).click();
  await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
  await page.getByLabel('I have written it down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Invite your partner' }).waitFor();
}

async function makeLink(page) {
  await page.getByRole('button', { name: 'Make an invitation link' }).click();
  const field = page.getByLabel('Invitation link');
  await field.waitFor();
  const section = await page.locator('section.invite').textContent();
  assert.doesNotMatch(section, /\b(null|undefined)\b/, 'stray null/undefined in the invite section');
  return field.inputValue();
}

describe('an invitation made on 127.0.0.2', { timeout: 120000 }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ host: '127.0.0.2' });
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('links to 127.0.0.2, the address the browser used, and says phones cannot open it', async () => {
    const ana = await newDevice(browser, server.url);
    // a browser without a share sheet (desktop chromium on Linux)
    await ana.context.addInitScript(() => { delete Navigator.prototype.share; });
    await setUp(ana.page);
    const link = await makeLink(ana.page);
    assert.match(link, new RegExp(`^http://127\\.0\\.0\\.2:${server.port}/join#[A-Z0-9-]+$`));
    const warning = ana.page.getByTestId('invite-loopback');
    await warning.waitFor();
    assert.match(await warning.textContent(), /phone cannot open this link/);
    assert.match(await warning.textContent(), new RegExp(`127\\.0\\.0\\.2:${server.port} is this computer’s own address`));
    // a QR code of a link no phone can open would only mislead
    assert.equal(await ana.page.getByTestId('invite-qr').count(), 0);
    assert.equal(await ana.page.getByTestId('invite-share').count(), 0, 'no Share button without navigator.share');
    await checkPage(ana.page, 'invite-loopback');
    assert.deepEqual(ana.problems, []);
  });
});

describe('an invitation made through a network name', { timeout: 120000 }, () => {
  let server;
  let browser;
  let base;
  before(async () => {
    server = await startServer({ host: '127.0.0.2' });
    browser = await launchBrowser(['--host-resolver-rules=MAP dyad.home 127.0.0.2']);
    base = `http://dyad.home:${server.port}`;
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('links to that name with a QR code and the share sheet, and the partner joins from the link', async () => {
    const ana = await newDevice(browser, base);
    // the share sheet, as a phone's browser offers it: record what it gets
    await ana.context.addInitScript(() => {
      window.sharedWith = [];
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value(data) { window.sharedWith.push(data); return Promise.resolve(); },
      });
    });
    await setUp(ana.page);
    const link = await makeLink(ana.page);
    assert.match(link, new RegExp(`^http://dyad\\.home:${server.port}/join#[A-Z0-9-]+$`));
    assert.equal(await ana.page.getByTestId('invite-loopback').count(), 0);
    const qr = ana.page.getByRole('img', { name: 'QR code to open on your partner’s phone' });
    await qr.waitFor();
    const box = await qr.boundingBox();
    assert.ok(box.width >= 150 && Math.abs(box.width - box.height) < 1, `QR code is ${box.width}×${box.height}`);
    await ana.page.getByTestId('invite-share').click();
    const shared = await ana.page.evaluate(() => window.sharedWith);
    assert.equal(shared.length, 1);
    assert.equal(shared[0].url, link);
    await checkPage(ana.page, 'invite-lan');
    assert.deepEqual(ana.problems, []);

    const sam = await newDevice(browser, base);
    await sam.page.goto(link);
    await sam.page.getByRole('heading', { name: 'Join your partner on dyad' }).waitFor();
    await sam.page.getByLabel('Your name').fill(B.name);
    await sam.page.getByLabel('Passphrase', { exact: true }).fill(B.pass);
    await sam.page.getByLabel('Passphrase again').fill(B.pass);
    await sam.page.getByRole('button', { name: 'Join' }).click();
    await sam.page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor({ timeout: KEY_DERIVATION_MS });
    assert.deepEqual(sam.problems, []);
  });
});
