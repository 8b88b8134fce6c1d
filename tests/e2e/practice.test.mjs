// The practice page, the reactions page and the guided pause in the
// browser: logging a session leads with this week's minutes and days, a
// bad duration is refused with the core's words, the timer (on
// playwright's fake clock: no waiting) logs the session at its end, the
// Pause button in the shell reaches the pacer in one tap from any page and
// keeps still under reduced motion, and a reaction with feeling words
// shows in the trends. axe finds nothing serious at phone (390x844) and
// desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, holdClock, launchBrowser, newDevice, setUpAlone, startServer } from './harness.mjs';

const PASS = 'long enough words';

describe('practice, reactions and the pause', { timeout: 180000 }, () => {
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

  test('the Pause button in the shell opens the breathing pacer in one tap, still under reduced motion', async () => {
    const { page } = device;
    await page.getByRole('link', { name: 'Pause', exact: true }).click();
    await page.waitForURL('**/pause');
    await page.getByRole('heading', { name: 'A pause' }).waitFor();
    await page.getByText('about 20 minutes').waitFor();
    await page.getByRole('button', { name: 'Start breathing' }).click();
    await page.locator('.breath-circle--in').waitFor();
    const transform = await page.locator('.breath-circle').evaluate((n) => getComputedStyle(n).transform);
    assert.equal(transform, 'none', 'no growing circle when the person prefers reduced motion');
    assert.equal(await page.locator('.breath-word').textContent(), 'Breathe in');
    await page.getByRole('button', { name: 'Stop' }).click();
    await checkPage(page, 'pause');
  });

  test('logging a session leads with this week; a bad duration gets the core\'s words and changes nothing', async () => {
    const { page } = device;
    await page.goto('/practice');
    await page.getByText('This week is open.').waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Log a session' }) });
    await form.getByLabel('How long').fill('25h');
    await form.getByRole('button', { name: 'Log session' }).click();
    await form.getByText('at most 24 hours').waitFor();
    await form.getByLabel('How long').fill('1h30m');
    await form.getByLabel('A note').fill('slow flow');
    await form.getByLabel('What you practise').selectOption('yoga');
    await form.getByRole('button', { name: 'Log session' }).click();
    await page.getByText('This week: 90 minutes on 1 day.').waitFor();
    await page.getByText('slow flow').waitFor();
    const svg = page.locator('svg.chart');
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.match(await svg.locator('title').textContent(), /Minutes of practice per week/);
    assert.equal(await page.getByText(/miss|fail|broke/i).count(), 0, 'nothing shames');
    await page.setViewportSize({ width: 390, height: 844 });
    await checkPage(page, 'practice');
  });

  test('the timer counts down on the clock and logs the session at its end', async () => {
    const { page } = device;
    // held still: the countdown counts runFor alone, not how long the steps take
    await holdClock(page);
    await page.goto('/practice');
    await page.getByText('This week: 90 minutes on 1 day.').waitFor();
    const timer = page.locator('form', { has: page.getByRole('heading', { name: 'Timer' }) });
    await timer.getByLabel('Minutes', { exact: true }).fill('2');
    await timer.getByRole('button', { name: 'Start' }).click();
    await timer.getByRole('button', { name: 'Stop' }).waitFor();
    await page.clock.runFor(61000);
    assert.equal(await timer.getByRole('timer').textContent(), '0:59');
    await page.clock.runFor(60000);
    await timer.getByText('Time. 2m logged. Well done.').waitFor();
    await page.getByText('This week: 92 minutes on 1 day.').waitFor();
    await page.clock.resume();
  });

  test('a reaction with feeling words is saved privately and shows in the trends', async () => {
    const { page } = device;
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('link', { name: 'Reactions' }).click();
    await page.waitForURL('**/reactions');
    await page.getByText('Nothing noted yet.').waitFor();
    await checkPage(page, 'reactions-empty');
    await page.getByLabel('What happened').fill('We argued about the dishes');
    await page.getByLabel('hurt', { exact: true }).check();
    await page.getByLabel('angry', { exact: true }).check();
    await page.getByLabel('How strong, from 0 to 10').fill('7');
    await page.getByLabel('What set it off').fill('chores');
    await page.getByLabel('I paused before reacting').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('You noted 1 moment; you paused first in 1 of them.').waitFor();
    await page.getByText('chores (1)').waitFor();
    await page.locator('svg.chart title', { hasText: 'How strong my reactions were' }).waitFor({ state: 'attached' });
    await page.getByText('We argued about the dishes').waitFor();
    await checkPage(page, 'reactions');
    // the one 400 is the refused 25h above, which the page showed as it should
    assert.deepEqual(device.problems.filter((p) => !/status of 400/.test(p)), []);
  });
});
