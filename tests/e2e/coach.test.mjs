// The I-statement coach in the browser: beside a boundary it lists what it
// notices with its advice after a pause in typing, and saving is never
// blocked; a clean I-statement is encouraged and a partial one told what
// would complete it; the helper builds a statement from four parts, with
// the journal's feeling words offered, and puts it into the text; in the
// journal it speaks only for an entry about to be shared (checked on
// playwright's fake clock: no waiting), and not at all for a private one;
// sharing a private entry in one tap, from its page or from the journal
// list, asks the same question first, and so does saving a new entry with
// "share with" on in the composer.
// axe finds nothing serious at phone and desktop size, and no page logs an
// error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, holdClock, launchBrowser, signedInCouple, startServer } from './harness.mjs';

describe('the coach beside what people write to each other', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [ana] = await signedInCouple(browser, server.url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  const boundaries = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Boundaries & needs' }) });

  async function openBoundaryForm(page) {
    await page.goto('/boundaries');
    const sec = boundaries(page);
    await sec.locator('summary', { hasText: 'Write a boundary or a need' }).click();
    // the form for a new one (a saved one has its own "In your words" to reword)
    return sec.locator('details.add');
  }

  test('beside a boundary, each finding comes with its advice, and saving is not blocked', async () => {
    const { page } = ana;
    const sec = await openBoundaryForm(page);
    await sec.getByLabel('In your words').fill("You never listen. You're so lazy. You should call your mother more.");
    const coach = sec.getByTestId('coach');
    await coach.getByRole('status').getByText('3 things may land harder than you mean').waitFor();
    const kinds = await coach.locator('.coach-kind').allTextContents();
    assert.deepEqual(kinds, ['Always or never', 'About who they are', '"Should"']);
    assert.deepEqual(await coach.locator('.coach-words').allTextContents(), ['You never', "You're so lazy", 'You should']);
    await coach.getByText('Try describing one time').waitFor();
    await checkPage(page, 'coach-boundary');
    const save = sec.getByRole('button', { name: 'Save' });
    assert.equal(await save.isEnabled(), true, 'the coach never disables saving');
    await save.click();
    await boundaries(page).locator('.item--mine', { hasText: 'You should call your mother more' }).waitFor();
    // the form was reset, and the coach with it
    await page.waitForFunction(() => document.querySelector('.coach-status').textContent === '');
    assert.equal(await sec.locator('.coach-finding').count(), 0);
  });

  test('a clean I-statement is encouraged, and a partial one told what would complete it', async () => {
    const { page } = ana;
    const sec = await openBoundaryForm(page);
    const text = sec.getByLabel('In your words');
    const status = sec.getByTestId('coach').getByRole('status');
    await text.fill('I feel tense when the phone rings at dinner.');
    await status.getByText('So far you have a feeling and the situation. Adding a need and a request would make it a full I-statement.').waitFor();
    await text.fill('I feel tense when the phone rings at dinner, because I need our meals to be calm. Would you be willing to leave it in the hall?');
    await status.getByText('A clean I-statement').waitFor();
    assert.equal(await sec.locator('.coach-finding').count(), 0);
    await checkPage(page, 'coach-clean');
  });

  test('the helper builds a statement from four parts with the feeling words and puts it in the text', async () => {
    const { page } = ana;
    const sec = await openBoundaryForm(page);
    const text = sec.getByLabel('In your words');
    const toggle = sec.getByRole('button', { name: 'I-statement helper' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const helper = sec.getByRole('group', { name: 'I-statement helper' });
    // the journal's vocabulary is offered for the feeling
    await helper.locator('datalist option[value="lonely"]').waitFor({ state: 'attached' });
    assert.ok(await helper.locator('datalist option').count() >= 40);
    await helper.getByLabel('I feel…').fill('lonely');
    await helper.getByRole('button', { name: 'Put it in my text' }).click();
    await helper.getByText('Fill in this part too.').waitFor();
    await helper.getByLabel('…when…').fill('we eat in silence');
    await helper.getByLabel('…because I need…').fill('connection');
    await helper.getByLabel('Would you be willing to…').fill('talk with me at dinner');
    await checkPage(page, 'coach-helper');
    await helper.getByRole('button', { name: 'Put it in my text' }).click();
    await sec.getByTestId('coach').getByRole('status').getByText('A clean I-statement').waitFor();
    assert.equal(await text.inputValue(),
      'I feel lonely when we eat in silence, because I need connection. Would you be willing to talk with me at dinner?');
    assert.equal(await helper.isHidden(), true);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });

  test('in the journal the coach speaks only for an entry about to be shared', async () => {
    const { page } = ana;
    let asked = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/coach') asked += 1;
    });
    // time stands still from here: the pause after typing passes only on runFor
    await holdClock(page, { time: new Date('2026-11-29T10:00:00Z') });
    await page.goto('/journal?write=1');
    const text = page.getByLabel('Your entry');
    await text.waitFor();
    await text.pressSequentially('You always ruin everything.');
    await page.clock.runFor(5000);
    assert.equal(asked, 0, 'a private entry is not sent to the coach');
    assert.equal(await page.locator('.coach-finding').count(), 0);
    await page.getByLabel('Share with Ben').check();
    const coach = page.getByTestId('coach');
    await coach.getByRole('status').getByText('2 things may land harder than you mean').waitFor();
    assert.deepEqual(await coach.locator('.coach-kind').allTextContents(), ['Blame', 'Always or never']);
    assert.equal(asked, 1);
    await text.pressSequentially(' You idiot.');
    assert.equal(asked, 1, 'nothing is asked while typing');
    await page.clock.runFor(1000);
    await coach.locator('.coach-kind', { hasText: 'Contempt' }).waitFor();
    assert.equal(asked, 2, 'one request after the pause, not one per key');
    await page.clock.resume();
    await checkPage(page, 'coach-journal');
    await page.getByLabel('Share with Ben').uncheck();
    await page.waitForFunction(() => document.querySelector('.coach-status').textContent === '');
    assert.equal(await coach.locator('.coach-finding').count(), 0);
    // saving privately works as before
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL(/\/journal\/[^/?]+$/);
  });

  test('sharing a private entry later asks first when the coach notices something, and "share it as it is" shares', async () => {
    const { page } = ana;
    // the entry the test before saved privately: "You always ruin everything. You idiot."
    const share = page.getByRole('button', { name: 'Share with Ben' });
    await share.click();
    const dialog = page.getByRole('dialog', { name: 'A thought before you send' });
    await dialog.getByText('the coach noticed blame, always or never and contempt').waitFor();
    await checkPage(page, 'coach-share-ask');
    await dialog.getByRole('button', { name: 'Not yet' }).click();
    await share.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop sharing' }).count(), 0, 'still private');
    await share.click();
    await dialog.getByRole('button', { name: 'Share it as it is' }).click();
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
  });

  test('sharing from the journal list asks the same question as the entry\'s page; a clean entry shares at once', async () => {
    const { page } = ana;
    for (const text of ['You never listen to me.', 'I felt calm on our walk today.']) {
      await page.goto('/journal?write=1');
      await page.getByLabel('Your entry').fill(text);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await page.waitForURL(/\/journal\/[^/?]+$/);
    }
    await page.goto('/journal');
    const card = (text) => page.locator('.entry-card', { hasText: text });
    const blame = card('You never listen to me.');
    await blame.getByRole('button', { name: 'Share with Ben' }).click();
    const dialog = page.getByRole('dialog', { name: 'A thought before you send' });
    await dialog.getByText('Before you share it: the coach noticed always or never, which may land harder than you mean.').waitFor();
    await checkPage(page, 'coach-share-list-ask');
    await dialog.getByRole('button', { name: 'Not yet' }).click();
    await blame.getByRole('button', { name: 'Share with Ben' }).waitFor();
    assert.equal(await blame.locator('.badge--mine').count(), 1, 'still private');
    await blame.getByRole('button', { name: 'Share with Ben' }).click();
    await dialog.getByRole('button', { name: 'Share it as it is' }).click();
    await blame.locator('.badge--ours').waitFor();
    assert.equal(await blame.getByRole('button', { name: 'Share with Ben' }).count(), 0);
    // the coach has nothing to say about this one: no question, shared at once
    const calm = card('I felt calm on our walk today.');
    await calm.getByRole('button', { name: 'Share with Ben' }).click();
    await calm.locator('.badge--ours').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    // what is shared stays shared after a reload, and has no Share button
    await page.reload();
    await card('You never listen to me.').locator('.badge--ours').waitFor();
    assert.equal(await card('I felt calm').getByRole('button', { name: 'Share with Ben' }).count(), 0);
  });

  test('saving a new entry shared from the composer asks the same question; "not yet" keeps the text, "share it as it is" shares', async () => {
    const { page } = ana;
    await page.goto('/journal?write=1');
    const text = page.getByLabel('Your entry');
    await text.fill('You never plan anything for us.');
    await page.getByLabel('Share with Ben').check();
    const save = page.getByRole('button', { name: 'Save and share' });
    await save.click();
    const dialog = page.getByRole('dialog', { name: 'A thought before you send' });
    await dialog.getByText('Before you share it: the coach noticed always or never, which may land harder than you mean.').waitFor();
    await checkPage(page, 'coach-composer-ask');
    await dialog.getByRole('button', { name: 'Not yet' }).click();
    await dialog.waitFor({ state: 'detached' });
    // nothing saved: still the composer, with the text and the choice as they were
    assert.match(new URL(page.url()).search, /write=1/);
    assert.equal(await text.inputValue(), 'You never plan anything for us.');
    assert.equal(await page.getByLabel('Share with Ben').isChecked(), true);
    assert.equal(await save.isEnabled(), true);
    await save.click();
    await dialog.getByRole('button', { name: 'Share it as it is' }).click();
    await page.waitForURL(/\/journal\/[^/?]+$/);
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await page.getByRole('heading', { name: 'You never plan anything for us.' }).waitFor();
    // a clean entry saved shared: no question
    await page.goto('/journal?write=1');
    await page.getByLabel('Your entry').fill('I loved cooking with you tonight.');
    await page.getByLabel('Share with Ben').check();
    await page.getByRole('button', { name: 'Save and share' }).click();
    await page.waitForURL(/\/journal\/[^/?]+$/);
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
  });

  test('no page logged an error', () => {
    assert.deepEqual(ana.problems, []);
  });
});
