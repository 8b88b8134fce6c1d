// The journal's search box: words whatever their capitals and accents
// find entries, best first, with the matched words inside <mark> elements
// made from the server's pieces (an entry's text containing markup stays
// text); clearing brings the list back. axe finds nothing serious at phone
// and desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PHONE, checkPage, launchBrowser, newDevice, setUpAlone, startServer } from './harness.mjs';

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

  // A phone's own font may be wider than this machine's, or its text set
  // larger: the placeholder must fit with a fifth to spare, at the
  // harness's phone (360 px) and a common one (390 px). The one it
  // replaced ('Words or "a phrase"') had 4% to spare at 360 px here and
  // was cut off on a phone.
  test('the search box placeholder reads whole at phone width, with room to spare', async () => {
    const { page } = device;
    await page.goto('/journal');
    const box = page.getByRole('searchbox', { name: 'Search your journal' });
    await box.waitFor();
    try {
      for (const viewport of [{ width: 360, height: 780 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const { text, need, room } = await box.evaluate((input) => {
          const cs = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = cs.font;
          return { text: input.placeholder, need: ctx.measureText(input.placeholder).width,
            room: input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
        });
        assert.ok(text.length > 0, 'the search box has a placeholder');
        assert.ok(need * 1.2 <= room,
          `at ${viewport.width} px "${text}" needs ${need.toFixed(1)} px (+20%) of the ${room.toFixed(1)} px inside the box`);
      }
    } finally {
      await page.setViewportSize(PHONE);
    }
    // how to find a phrase, which the placeholder no longer says, is in the hint
    assert.match(await page.locator(`#${await box.getAttribute('aria-describedby')}`).textContent(), /"quotes" to find a phrase/);
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
