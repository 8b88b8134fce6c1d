// After a partner leaves, the one who stays sees a calm notice on Today
// and in Settings instead of "not joined yet", can put it away, and can
// rename the space in Settings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BEN, checkPage, devicePost, launchBrowser, signedInCouple, startServer } from './harness.mjs';

describe('a partner leaves', { timeout: 120000 }, () => {
  let server;
  let browser;
  let device;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    let ben;
    [device, ben] = await signedInCouple(browser, server.url);
    await devicePost(device, '/api/v1/journal', { text: 'Shared with Ben, for a while.', shared: true });
    await devicePost(device, '/api/v1/checkin/items', { topic: 'concern', statement: 'Held for our talk.' });
    await devicePost(ben, '/api/v1/me/leave', { passphrase: BEN.pass }, 204);
    await device.page.reload();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('Today tells Ana calmly that Ben left, instead of "not joined yet"', async () => {
    const { page } = device;
    const notice = page.getByTestId('partner-left');
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /Ben left on \d{1,2} [A-Z][a-z]+\. What Ben shared left with them\. What you had shared with Ben is private again\./);
    await checkPage(page, 'partner-left-today');
  });

  test('Settings says the same, and the notice can be put away', async () => {
    const { page } = device;
    await page.goto('/settings');
    await page.getByTestId('partner-left').waitFor();
    assert.equal(await page.getByText('Your partner has not joined yet.').count(), 0);
    await page.getByTestId('dismiss-partner-left').click();
    await page.getByText('Your partner has not joined yet.').waitFor();
    await page.goto('/today');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getByTestId('partner-left').count(), 0);
  });

  test('an item Ana held for a check-in reads as only hers after Ben left, never as revealed', async () => {
    const { page } = device;
    await page.goto('/checkins');
    const item = page.locator('.item', { hasText: 'Held for our talk.' });
    await item.waitFor();
    const meta = await item.locator('.item-meta').textContent();
    assert.match(meta, /Only you see this/);
    assert.doesNotMatch(meta, /Revealed/);
  });

  test('the space can be renamed in Settings; an empty name is refused before anything is sent', async () => {
    const { page, problems } = device;
    await page.goto('/settings');
    const label = page.getByLabel('Name of your space');
    await label.fill('');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await page.getByText('Give your space a name first.').waitFor();
    await label.fill('Our home');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await page.getByText('Your space has its new name.').waitFor();
    await checkPage(page, 'space-renamed');
    await page.goto('/today');
    await page.locator('.space-label', { hasText: 'Our home' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
