// Entries as Markdown in the browser (part of #7 and #8): GitHub's dialect
// (web addresses become links, task lists, strikethrough), links opening
// in a new tab without an opener or referrer, and a partner's hostile
// entry (1 MiB of '>', 28 MB of nested quotes before the cap) that
// renders quickly and leaves the page usable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, devicePost, launchBrowser, signedInCouple, startServer } from './harness.mjs';

// as much text as one request may carry
const SIZE = 1024 * 1024 - 256;

/* Open an entry; resolves how long it took until its title showed. */
async function open(page, id, title) {
  const t0 = Date.now();
  await page.goto(`/journal/${id}`);
  await page.locator('main:not([aria-busy]) h1', { hasText: title }).waitFor({ timeout: 60000 });
  return Date.now() - t0;
}

describe('Markdown in the browser', { timeout: 300000 }, () => {
  let server;
  let browser;
  let ben;
  const ids = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const [ana, b] = await signedInCouple(browser, server.url);
    ben = b;
    let made = await devicePost(ana, '/api/v1/journal', {
      title: 'Lists and links',
      text: 'Read https://example.org/a?b=1 and www.example.com later.\n\n- [ ] call mum\n- [x] water the plants\n\n~~worry~~ done.\n',
      shared: true,
    });
    ids.gfm = made.id;
    made = await devicePost(ana, '/api/v1/journal', { title: 'Quotes', text: '>'.repeat(SIZE), shared: true });
    ids.deep = made.id;
    made = await devicePost(ana, '/api/v1/journal', { title: 'Words', text: 'word '.repeat(Math.floor(SIZE / 5)), shared: true });
    ids.plain = made.id;
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('web addresses are links that open in a new tab with rel="noopener noreferrer"', async () => {
    const { page } = ben;
    await page.goto(`/journal/${ids.gfm}`);
    await page.locator('h1', { hasText: 'Lists and links' }).waitFor();
    const links = await page.locator('.prose a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.target, a.rel]));
    assert.deepEqual(links, [
      ['https://example.org/a?b=1', '_blank', 'noopener noreferrer'],
      ['http://www.example.com', '_blank', 'noopener noreferrer'],
    ]);
  });

  test('task lists show read-only boxes that say what they show, and strikethrough renders', async () => {
    const { page } = ben;
    const boxes = page.locator('.prose input[type="checkbox"]');
    assert.equal(await boxes.count(), 2);
    assert.deepEqual(await boxes.evaluateAll((bs) => bs.map((b) => [b.checked, b.disabled, b.getAttribute('aria-label')])),
      [[false, true, 'Not done yet'], [true, true, 'Done']]);
    assert.equal(await page.locator('.prose del').textContent(), 'worry');
    await checkPage(page, 'entry-markdown');
  });

  test('a partner\'s mebibyte of quote marks shows at most 16 deep, about as fast as a mebibyte of words, and the page stays usable', async () => {
    const { page } = ben;
    // the yardstick: as much ordinary text, on this machine, now
    const plain = await open(page, ids.plain, 'Words');
    const deep = await open(page, ids.deep, 'Quotes');
    const depth = await page.evaluate(() => {
      let max = 0;
      for (const q of document.querySelectorAll('.prose blockquote')) {
        let d = 0;
        for (let n = q; n && !n.classList.contains('prose'); n = n.parentElement) if (n.tagName === 'BLOCKQUOTE') d++;
        max = Math.max(max, d);
      }
      return max;
    });
    assert.equal(depth, 16);
    // before the cap this page never finished (28 MB of nested quotes)
    assert.ok(deep < 3 * plain + 3000, `the quotes took ${deep} ms, the words ${plain} ms`);
    // the page answers: a frame is drawn and the link back works
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const t0 = Date.now();
    await page.getByRole('link', { name: 'All entries' }).click();
    await page.locator('main:not([aria-busy]) h1', { hasText: 'Journal' }).waitFor();
    assert.ok(Date.now() - t0 < 10000, `leaving the entry took ${Date.now() - t0} ms`);
    assert.deepEqual(ben.problems, []);
  });
});
