// The journal's reflective side in the browser: the prompt of the day on
// Today and on the Journal, "Write from this prompt" tying the entry to
// its prompt with a mood and tags, and the entry showing them. axe finds
// nothing serious at phone and desktop size (checkPage).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, newDevice, startServer } from './harness.mjs';

const PASS = 'long enough words';

describe('prompts, mood and tags', { timeout: 180000 }, () => {
  let server;
  let browser;
  let device;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
    const { page } = device;
    await page.goto('/setup');
    await page.getByLabel('Your name').fill('Ana');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Passphrase again').fill(PASS);
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'I will do this later' }).click();
    await page.waitForURL('**/today');
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('Today shows the prompt of the day, the same one the Journal shows', async () => {
    const { page } = device;
    const card = page.getByTestId('prompt-card');
    await card.getByRole('heading', { name: 'Today’s prompt' }).waitFor();
    await card.getByRole('link', { name: 'Write from this prompt' }).waitFor();
    const id = await card.getAttribute('data-prompt-id');
    const text = await card.locator('.prompt-text').textContent();
    assert.ok(text.length > 10);
    await checkPage(page, 'today-prompt');
    await page.goto('/journal');
    const again = page.getByTestId('prompt-card');
    await again.getByRole('link', { name: 'Write from this prompt' }).waitFor();
    assert.equal(await again.getAttribute('data-prompt-id'), id);
  });

  test('writing from the prompt keeps the prompt, the mood and the tags on the entry', async () => {
    const { page } = device;
    await page.goto('/today');
    const card = page.getByTestId('prompt-card');
    await card.getByRole('link', { name: 'Write from this prompt' }).click();
    await page.waitForURL('**/journal?write=1&prompt=*');
    await page.getByTestId('composer-prompt').waitFor();
    await page.getByLabel('Your entry').fill('I noticed I wanted to say yes to everything.');
    await page.getByLabel('4: good').check();
    await page.getByLabel('Tags').fill('Work, family, WORK');
    await checkPage(page, 'compose-from-prompt');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
    await page.getByTestId('entry-prompt').waitFor();
    await page.getByText('Mood 4 of 5').waitFor();
    const chips = await page.getByTestId('entry-chips').locator('li').allTextContents();
    assert.deepEqual(chips, ['Mood 4 of 5', '#work', '#family']);
    const quote = page.getByTestId('entry-prompt').locator('blockquote');
    await page.waitForFunction((el) => el.textContent !== '…', await quote.elementHandle());
    assert.ok((await quote.textContent()).length > 10);
    await checkPage(page, 'entry-with-prompt');
  });
});
