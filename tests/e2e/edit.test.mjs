// Correcting my own records in the browser: a practice session's length
// and note, a reaction's intensity, through the Edit action on the item;
// the server's refusal shows in the form and changes nothing. axe finds
// nothing serious with the editor open at phone and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, newDevice, setUpAlone, startServer } from './harness.mjs';

const PASS = 'long enough words';

describe('editing a session and a reaction', { timeout: 180000 }, () => {
  let server;
  let browser;
  let device;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
    await setUpAlone(device, { name: 'Ana', pass: PASS });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('a session\'s wrong length is corrected and its note added to', async () => {
    const { page } = device;
    await page.goto('/practice');
    const log = page.locator('form', { has: page.getByRole('heading', { name: 'Log a session' }) });
    await log.getByLabel('How long').fill('10m');
    await log.getByLabel('A note').fill('calm');
    await log.getByRole('button', { name: 'Log session' }).click();
    await page.getByText('Meditation · 10m').waitFor();
    const item = page.locator('.item', { hasText: 'Meditation · 10m' });
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = item.getByRole('form', { name: 'Change this session' });
    assert.equal(await form.getByLabel('How long').inputValue(), '10m');
    // a length the server refuses: its words, and nothing changes
    await form.getByLabel('How long').fill('25h');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('at most 24 hours').waitFor();
    await checkPage(page, 'practice-edit');
    await form.getByLabel('How long').fill('25m');
    await form.getByLabel('A note').fill('calm, then sleepy');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Meditation · 25m').waitFor();
    await page.getByText('calm, then sleepy').waitFor();
    await page.getByText('This week: 25 minutes on 1 day.').waitFor();
  });

  test('a reaction\'s intensity is corrected', async () => {
    const { page } = device;
    await page.goto('/reactions');
    await page.getByText('Nothing noted yet.').waitFor();
    await page.getByLabel('What happened').fill('A sharp word at breakfast');
    await page.getByLabel('How strong, from 0 to 10').fill('9');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const item = page.locator('.item', { hasText: 'A sharp word at breakfast' });
    await item.getByText('9/10').waitFor();
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = item.getByRole('form', { name: 'Change this reaction' });
    await form.getByLabel('How strong, from 0 to 10').fill('4');
    await form.getByLabel('What you need').fill('a slower morning');
    await checkPage(page, 'reactions-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.item', { hasText: 'A sharp word at breakfast' }).getByText('4/10').waitFor();
    // the one 400 is the refused 25h above, which the page showed as it should
    assert.deepEqual(device.problems.filter((p) => !/status of 400/.test(p)), []);
  });
});
