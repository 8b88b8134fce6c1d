// Everyday use on a phone and a laptop: no lost words (Back, the back
// gesture and Forward), the tab bar never covering a control, the sharing
// choice beside Save, untitled entries named by their first line, dates in
// the app's one language, and the navigation while features arrive.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, PHONE, checkPage, launchBrowser, login, signedInCouple, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };

/* The bottom of el's box is above the top of the fixed tab bar (or the
 * bar is not shown). */
async function notUnderTabBar(page, locator, what) {
  const box = await locator.boundingBox();
  const bar = await page.locator('nav.nav').boundingBox();
  assert.ok(box, `${what} is shown`);
  if (!bar) return;
  assert.ok(box.y + box.height <= bar.y + 0.5, `${what} (bottom ${box.y + box.height}) is under the tab bar (top ${bar.y})`);
}

describe('everyday use', { timeout: 240000 }, () => {
  let server;
  let browser;
  let ana;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [ana] = await signedInCouple(browser, server.url, { A, B, label: 'Ana & Sam' });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('Back with unsaved text asks first; staying keeps the text, leaving does not leave an empty form for Forward', async () => {
    const { page } = ana;
    await page.goto('/today');
    await page.getByRole('link', { name: 'Journal' }).first().click();
    await page.waitForURL('**/journal');
    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Your entry').fill('Words I do not want to lose');
    await page.goBack();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.getByRole('button', { name: 'Keep writing' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(page.url(), /\/journal\?write=1$/);
    assert.equal(await page.getByLabel('Your entry').inputValue(), 'Words I do not want to lose');
    // back again, and this time leave
    await page.goBack();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL(/\/journal$/);
    await page.getByRole('heading', { name: 'Journal' }).waitFor();
    // Forward does not bring back an empty form in the text's place
    await page.goForward();
    await page.locator('main:not([aria-busy]) h1').first().waitFor();
    assert.equal(await page.getByLabel('Your entry').count(), 0, 'no empty form after Forward');
  });

  test('closing the tab with unsaved text asks first', async () => {
    const { page } = ana;
    await page.goto('/journal?write=1');
    await page.getByLabel('Your entry').fill('Still thinking');
    const asked = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, 'beforeunload');
    ana.page = await ana.context.newPage();
  });

  test('while writing, sharing sits next to Save, Save says "Save and share", and the tab bar covers nothing', async () => {
    const { page } = ana;
    await page.goto('/journal?write=1');
    const save = page.getByRole('button', { name: 'Save entry' });
    await save.waitFor();
    const sw = page.getByRole('switch');
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      const s = await sw.boundingBox();
      const b = await save.boundingBox();
      // right beside: no field or text between the switch and the buttons
      assert.ok(Math.abs((b.y) - (s.y + s.height)) < 140 || Math.abs(b.y - s.y) < 60, `switch and Save apart at ${size.width}px`);
    }
    await page.setViewportSize(PHONE);
    await sw.check();
    await page.getByRole('button', { name: 'Save and share' }).waitFor();
    await sw.uncheck();
    await save.waitFor();
    // scrolled to the very bottom, Save and the switch are above the bar
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await notUnderTabBar(page, save, 'Save');
    await notUnderTabBar(page, sw, 'the sharing switch');
    // a control that gets focus is scrolled clear of the bar
    await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
    await sw.focus();
    await notUnderTabBar(page, sw, 'the focused sharing switch');
    await page.getByLabel('Your entry').focus();
    await notUnderTabBar(page, page.getByLabel('Your entry'), 'the focused text');
    await checkPage(page, 'write-share-by-save');
  });

  test('an entry without a title is named by its first line, in the list and on its page', async () => {
    const { page } = ana;
    await page.goto('/journal?write=1');
    await page.getByLabel('Your entry').fill('\n  A quiet walk after work\n\nand more after it.');
    await page.getByRole('switch').check();
    await page.getByRole('button', { name: 'Save and share' }).click();
    await page.waitForURL(/\/journal\/[^/?]+$/);
    await page.locator('h1', { hasText: 'A quiet walk after work' }).waitFor();
    assert.equal(await page.getByText('Untitled').count(), 0);
    await page.getByRole('link', { name: 'All entries' }).click();
    await page.locator('.entry-card .entry-title', { hasText: 'A quiet walk after work' }).waitFor();
    assert.equal(await page.getByText('Untitled').count(), 0);
  });

  test('editing a shared entry says the partner will see the changes', async () => {
    const { page } = ana;
    await page.locator('.entry-card a', { hasText: 'A quiet walk after work' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('shared-edit-note').filter({ hasText: 'Sam will see your changes' }).waitFor();
    await checkPage(page, 'edit-shared');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  test('dates are in the app\'s language whatever the browser\'s locale', async () => {
    const ctx = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await ctx.newPage();
    await login({ page }, A.name, A.pass);
    await page.locator('main:not([aria-busy]) h1').first().waitFor();
    const date = (await page.locator('.lead.date').textContent()).trim();
    assert.match(date, /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)$/);
    await page.goto('/journal');
    const when = (await page.locator('.entry-card .entry-date').first().textContent()).trim();
    assert.match(when, /^today at \d{2}:\d{2}$/);
    await ctx.close();
  });

  test('the phone\'s bar shows Today, Journal, the features that exist, Settings and More; what is to come is on one page', async () => {
    const { page } = ana;
    await page.setViewportSize(PHONE);
    await page.goto('/today');
    const bar = page.locator('nav.nav');
    const labels = (await bar.locator('.nav-main .nav-text').allTextContents()).map((s) => s.trim());
    assert.deepEqual(labels, ['Today', 'Journal', 'Practice', 'Balance', 'Settings', 'More']);
    // Settings in one tap from Today
    await bar.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('button', { name: 'Download my data' }).waitFor();
    await page.getByRole('heading', { name: 'Change your passphrase' }).waitFor();
    // More holds the rest: Check-ins, which replaced the "Coming soon" page
    await bar.getByRole('button', { name: 'More' }).click();
    assert.equal(await bar.getByRole('link', { name: 'Coming soon' }).count(), 0, 'nothing is "coming soon" any more');
    await bar.getByRole('link', { name: 'Check-ins' }).click();
    await page.waitForURL('**/checkins');
    await page.getByRole('heading', { name: 'Check-ins', level: 1 }).waitFor();
    await checkPage(page, 'checkins-empty');
    // the old address of "Coming soon" answers with Check-ins
    await page.goto('/more');
    await page.getByRole('heading', { name: 'Check-ins', level: 1 }).waitFor();
  });

  test('on a 360-pixel phone every tab\'s label shows whole, and the two names sit on one line beside the logo and Pause', async () => {
    const { page } = ana;
    await page.setViewportSize(PHONE);
    await page.goto('/today');
    await page.locator('main:not([aria-busy]) h1').first().waitFor();
    const cut = await page.locator('nav.nav .nav-main .nav-text').evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 0.5).map((e) => e.textContent));
    assert.deepEqual(cut, [], 'tab labels cut short with an ellipsis');
    const lines = await page.locator('.topbar .who .person').evaluateAll((els) =>
      new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
    assert.equal(lines, 1, 'both names on one line');
    // the logo still names the app to a screen reader
    assert.equal(await page.getByRole('link', { name: 'dyad' }).count(), 1);
  });
});
