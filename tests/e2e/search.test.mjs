// The journal's search box: words whatever their capitals and accents
// find entries, best first, with the matched words inside <mark> elements
// made from the server's pieces (an entry's text containing markup stays
// text); clearing brings the list back. axe finds nothing serious at phone
// and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, newDevice, setUpAlone, startServer } from './harness.mjs';

const PASS = 'long enough words';

describe('journal search', { timeout: 180000 }, () => {
  let server;
  let browser;
  let device;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    device = await newDevice(browser, server.url);
    await setUpAlone(device, { name: 'Ana', pass: PASS });
    const { page } = device;
    // through the app's own composer, so the CSRF token is the app's
    for (const [title, text] of [
      ['', 'We sat in the little CAFÉ by the river. <b>not bold</b> and periwinkle plans.'],
      ['Périwinkle', 'A title that says it all.'],
      ['', 'Nothing to find here.'],
    ]) {
      await page.goto('/journal?write=1');
      if (title) await page.getByLabel('Title').fill(title);
      await page.getByLabel('Your entry').fill(text);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await page.waitForURL(/\/journal\/[^/?]+$/);
    }
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('a search finds words whatever their case and accents, best first, with the matches marked', async () => {
    const { page } = device;
    await page.goto('/journal');
    const box = page.getByRole('searchbox', { name: 'Search your journal' });
    await box.fill('PERIWINKLE');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('2 entries match.').waitFor();
    const hits = page.locator('.search-results .search-hit');
    assert.equal(await hits.count(), 2);
    assert.equal(await hits.nth(0).locator('.entry-title mark').textContent(), 'Périwinkle');
    assert.deepEqual(await hits.nth(1).locator('.search-passage mark').allTextContents(), ['periwinkle']);
    // markup in an entry stays text: no <b> element is made from it
    assert.equal(await hits.nth(1).locator('b').count(), 0);
    assert.match(await hits.nth(1).locator('.search-passage').textContent(), /<b>not bold<\/b>/);
    assert.ok(await page.locator('.journal-list').isHidden(), 'the ordinary list steps aside');
    assert.match(page.url(), /\/journal\?q=PERIWINKLE$/);
    await checkPage(page, 'journal-search');
  });

  test('an accent-free search finds the accented word; no match says so; clearing brings the list back', async () => {
    const { page } = device;
    await page.goto('/journal?q=cafe');
    await page.getByText('1 entry matches.').waitFor();
    assert.equal(await page.locator('.search-passage mark').first().textContent(), 'CAFÉ');
    const box = page.getByRole('searchbox', { name: 'Search your journal' });
    await box.fill('zebra');
    await box.press('Enter');
    await page.getByText('No entry has those words.').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.locator('.journal-list .entry-card').first().waitFor();
    assert.ok(await page.locator('.journal-list').isVisible());
    assert.match(page.url(), /\/journal$/);
  });

  test('a search the server refuses shows its reason', async () => {
    const { page } = device;
    await page.goto('/journal');
    const box = page.getByRole('searchbox', { name: 'Search your journal' });
    await box.fill('a b c d e f g h i');
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'at most 8' }).waitFor();
  });
});
