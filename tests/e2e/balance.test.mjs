// The Balance page in two browsers: Ana records a pulse with the sliders
// and a closeness picture, sees her region, the map and her recent pulse;
// Sam sees nothing of it until Ana shares it, then her path joins his map.
// Checked with axe-core and photographed at phone and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, signedInCouple, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };

describe('the balance page', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;
  let sam;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [ana, sam] = await signedInCouple(browser, server.url, { A, B });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('with no pulses the page says how to start and the map is empty', async () => {
    const { page } = ana;
    // Today asks for this week's pulse, and its card leads to the page
    await page.goto('/today');
    await page.getByTestId('pulse-due').getByRole('link', { name: 'Give this week’s pulse' }).click();
    await page.waitForURL('**/balance');
    await page.getByRole('heading', { name: 'Balance', level: 1 }).waitFor();
    await page.getByText('No pulses yet.').waitFor();
    assert.match(await page.locator('.balance-map svg desc').textContent(), /Nothing to show yet/);
    await checkPage(page, 'balance-empty');
  });

  test('a pulse from the sliders is saved privately and shown with its region', async () => {
    const { page, problems } = ana;
    const connection = page.getByLabel('How connected to Sam did you feel this week?');
    await connection.fill('7');
    await page.getByLabel('How free did you feel to be yourself and live your own life?').fill('4');
    // the value is said beside the slider, and the keyboard moves it
    await connection.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await connection.inputValue(), '8');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('group', { name: /How close are you now/ }).getByRole('radio', { name: '3 of 7: a little overlap' }).check();
    await page.getByRole('group', { name: /How close would you like to be/ }).getByRole('radio', { name: '5 of 7: much overlap' }).check();
    await page.getByLabel('A few words about the week').fill('a tender week');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Merged: close, with less room to be yourself.').waitFor();
    // the gap between the two pictures, in words
    assert.equal(await page.getByTestId('closeness-gap').textContent(), 'You would like to be closer: now 3 of 7, wished 5.');
    const row = page.locator('.pulse-row').first();
    assert.match(await row.textContent(), /connected 7 · myself 4/);
    assert.match(await row.textContent(), /only you/);
    assert.match(await row.textContent(), /a tender week/);
    assert.match(await page.locator('.balance-map svg desc').textContent(), /Ana: Free to be myself \(0-10\) 4, Connected \(0-10\) 7/);
    // this week's pulse is given: the form steps aside for a note saying
    // when the next one is, and comes back on request
    const done = page.getByTestId('pulse-done');
    await done.getByRole('heading', { name: 'This week’s pulse is given' }).waitFor();
    assert.match(await done.textContent(), /The next one is from (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+/);
    assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isVisible(), false);
    await checkPage(page, 'balance');
    await done.getByRole('button', { name: 'Give another pulse' }).click();
    assert.equal(await done.isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement.id.startsWith('connection')), true);
    // this week's pulse is given: Today no longer asks for it
    await page.goto('/today');
    await page.getByRole('heading', { name: 'For today' }).waitFor();
    assert.equal(await page.getByTestId('pulse-due').count(), 0);
    await page.goto('/balance');
    await page.locator('.pulse-row').first().waitFor();
    assert.deepEqual(problems, []);
  });

  test('the partner sees nothing of a private pulse', async () => {
    const { page } = sam;
    await page.goto('/balance');
    await page.getByText('No pulses yet.').waitFor();
    assert.doesNotMatch(await page.locator('.balance-map svg').textContent(), /Ana/);
    assert.doesNotMatch(await page.locator('main').textContent(), /tender/);
  });

  test('sharing says so on the button and brings Ana\'s path to Sam\'s map', async () => {
    await ana.page.getByRole('button', { name: 'Share' }).click();
    await ana.page.locator('.pulse-row', { hasText: 'shared' }).waitFor();
    await sam.page.reload();
    await sam.page.getByText('Your path and Ana’s shared pulses.', { exact: false }).waitFor();
    assert.match(await sam.page.locator('.balance-map svg desc').textContent(), /Ana:/);
    // Sam's own pulse, shared as he saves it
    await sam.page.getByRole('switch').check();
    await sam.page.getByRole('button', { name: 'Save and share' }).click();
    await sam.page.locator('.pulse-row', { hasText: 'shared' }).waitFor();
    await checkPage(sam.page, 'balance-both');
  });
});
