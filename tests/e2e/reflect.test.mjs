// The journal's reflective side in the browser: the prompt of the day on
// Today and on the Journal, "Write from this prompt" tying the entry to
// its prompt with a mood, feeling words and tags, the entry showing them,
// the journal's filters, the partner's quiet responses under a shared
// entry and on Today, and practice this week on Today. axe finds nothing
// serious at phone and desktop size (checkPage).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, KEY_DERIVATION_MS, launchBrowser, newDevice, setUpAlone, startServer } from './harness.mjs';

const PASS = 'long enough words';

describe('prompts, mood and tags', { timeout: 180000 }, () => {
  let server;
  let browser;
  let device;
  let sam;
  let entryUrl;

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
    await page.getByText('Feeling words').click();
    await page.getByLabel('hopeful', { exact: true }).check();
    await page.getByLabel('Tags').fill('Work, family, WORK');
    await checkPage(page, 'compose-from-prompt');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
    await page.getByTestId('entry-prompt').waitFor();
    await page.getByText('Mood 4 of 5').waitFor();
    const chips = await page.getByTestId('entry-chips').locator('li').allTextContents();
    assert.deepEqual(chips, ['Mood 4 of 5', 'hopeful', '#work', '#family']);
    entryUrl = page.url();
    const quote = page.getByTestId('entry-prompt').locator('blockquote');
    await page.waitForFunction((el) => el.textContent !== '…', await quote.elementHandle());
    assert.ok((await quote.textContent()).length > 10);
    await checkPage(page, 'entry-with-prompt');
  });

  test('the journal filters by tag and mood, shows them on each card, and says when nothing matches', async () => {
    const { page } = device;
    await page.goto('/journal?write=1');
    await page.getByLabel('Your entry').fill('A quiet evening at home.');
    await page.getByLabel('2: heavy').check();
    await page.getByLabel('Tags').fill('home');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
    await page.goto('/journal');
    await page.locator('.entry-card').nth(1).waitFor();
    await page.getByText('Filter', { exact: true }).click();
    await page.getByLabel('Tag').fill('WORK');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('Filter (1 on)').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.entry-card').length === 1);
    assert.match(await page.locator('.entry-card').textContent(), /say yes to everything/);
    // the card says why it is in the list: its mood and tags
    assert.deepEqual(await page.locator('.entry-card').getByTestId('card-chips').locator('li').allTextContents(),
      ['Mood 4 of 5', '#work', '#family']);
    await page.getByLabel('Mood').selectOption('2');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('No entries match these filters.').waitFor();
    await checkPage(page, 'journal-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.entry-card').length === 2);
  });

  test('Sam responds to Ana\'s shared entry; Ana sees it under the entry and on Today', async () => {
    const { page } = device;
    await page.goto('/today');
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const link = await page.getByLabel('Invitation link').inputValue();
    sam = await newDevice(browser, server.url);
    await sam.page.goto(link);
    await sam.page.getByLabel('Your name').fill('Sam');
    await sam.page.getByLabel('Passphrase', { exact: true }).fill('another long passphrase');
    await sam.page.getByLabel('Passphrase again').fill('another long passphrase');
    await sam.page.getByRole('button', { name: 'Join' }).click();
    await sam.page.getByLabel('I have written it down').check({ timeout: KEY_DERIVATION_MS });
    await sam.page.getByRole('button', { name: 'Continue' }).click();
    await sam.page.waitForURL('**/today');

    await page.goto(entryUrl);
    await page.getByRole('button', { name: 'Share with Sam' }).click();
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();

    const s = sam.page;
    await s.goto(entryUrl);
    await s.getByRole('heading', { name: 'Let Ana know you read it' }).waitFor();
    await s.getByRole('button', { name: 'I read this' }).click();
    await s.getByTestId('responses').getByText('I read this').waitFor();
    await s.getByLabel('A short note').fill('Thank you for telling me.');
    await s.getByRole('button', { name: 'Send note' }).click();
    await s.getByTestId('responses').getByText('“Thank you for telling me.”').waitFor();
    await checkPage(s, 'entry-respond');

    await page.goto('/today');
    const card = page.getByTestId('responses-card');
    await card.getByText('Sam: I read this').waitFor();
    // Ana wrote today: "that is enough" stands, and the prompt waits on the Journal
    await page.getByText('You wrote in your journal today.').waitFor();
    assert.equal(await page.getByTestId('prompt-card').count(), 0);
    await card.getByText('Sam: “Thank you for telling me.”').waitFor();
    await checkPage(page, 'today-responses');
    await page.goto(entryUrl);
    await page.getByTestId('responses').getByText('Thank you for telling me.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'I read this' }).count(), 0, 'no answering my own entry');
  });

  test('Today shows practice this week, days first, and never a missed day', async () => {
    const { page } = device;
    await page.goto('/today');
    const card = page.getByTestId('practice-card');
    await card.getByText('This week is open.').waitFor();
    // the card itself: the rest of Today holds the day's question and
    // prompt, which may say "miss" or "fail" in a kind way
    assert.equal(await card.getByText(/miss|fail|broke/i).count(), 0, 'nothing shames');
  });
});
