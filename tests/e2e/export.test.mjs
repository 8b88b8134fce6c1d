// Export in the browser, on the server's test clock (a known date): Settings'
// "Download my data" saves dyad-NAME-YYYY-MM-DD.json holding my entries,
// and "Download as a document" saves dyad-NAME-YYYY-MM-DD.md, a readable
// Markdown document with my entry's title and text, and nothing of the
// partner's private writing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, devicePost, launchBrowser, signedInCouple, startServer } from './harness.mjs';
import { TestClock } from '../api/helpers.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };
const at = Date.UTC(2026, 2, 9, 12) / 1000; // noon UTC, 9 March 2026

/* Click the button and read the download: [suggested file name, text]. */
async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  let text = '';
  for await (const chunk of await file.createReadStream()) text += chunk;
  return [file.suggestedFilename(), text];
}

describe('export in the browser', { timeout: 180000 }, () => {
  let clock;
  let server;
  let browser;
  let ana;

  before(async () => {
    clock = new TestClock(at);
    server = await startServer({ env: { DYAD_TEST_CLOCK: clock.file, TZ: 'UTC' } });
    browser = await launchBrowser();
    let sam;
    [ana, sam] = await signedInCouple(browser, server.url, { A, B });
    // Ana's entry, Sam's private one, made through the API
    await devicePost(ana, '/api/v1/journal', { title: 'Lanterns by the canal', text: 'We walked until the lanterns came on.\n\n- tea\n- *quiet*' });
    await devicePost(sam, '/api/v1/journal', { title: 'Sam alone', text: 'MARKER-SAM-private okapi' });
    await ana.page.goto('/settings');
    await ana.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (clock) clock.remove();
  });

  test('"Download my data" saves dyad-Ana-2026-03-09.json with my entry', async () => {
    const [name, text] = await download(ana.page, 'Download my data');
    assert.equal(name, 'dyad-Ana-2026-03-09.json');
    JSON.parse(text); // JSON, whole
    assert.ok(text.includes('We walked until the lanterns came on.'), 'the export holds my entry');
    assert.ok(!text.includes('MARKER-SAM-private'), 'nothing of Sam\'s private entry');
  });

  test('"Download as a document" saves dyad-Ana-2026-03-09.md, Markdown with my entry\'s title and text', async () => {
    const [name, text] = await download(ana.page, 'Download as a document');
    assert.equal(name, 'dyad-Ana-2026-03-09.md');
    assert.match(text, /^# /, 'a Markdown document starting with a heading');
    assert.match(text, /Lanterns by the canal/);
    assert.match(text, /We walked until the lanterns came on\.\n\n- tea\n- \*quiet\*/);
    assert.ok(!text.includes('MARKER-SAM-private'), 'nothing of Sam\'s private entry');
    assert.ok(!text.trimStart().startsWith('{'), 'not JSON');
    await checkPage(ana.page, 'settings-export');
    assert.deepEqual(ana.problems, []);
  });
});
