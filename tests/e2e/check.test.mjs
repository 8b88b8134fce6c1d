// The differentiation check in two browsers: Ana takes it one sentence per
// screen with a progress bar, stops half-way, comes back and carries on
// where she stopped, finishes, and sees a bar per part with its meaning
// (the questionnaire's words for a low score, then for a high one); a
// second taking brings the change in plain words, and the smallest
// reliable change said rounded up. Sam sees none of it
// until Ana turns sharing on, then her results (never her answers).
// Checked with axe-core and photographed at phone and desktop size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, signedInCouple, startServer } from './harness.mjs';

const A = { name: 'Ana', pass: 'river stones 42' };
const B = { name: 'Sam', pass: 'quiet morning tea' };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECK = JSON.parse(readFileSync(path.join(root, 'data', 'instruments', 'differentiation-check.json'), 'utf8'));
const labels = CHECK.scale.labels;
// the label of the answer to item i whose score after reverse-keying is k
const keyedLabel = (i, k) => labels[(CHECK.items[i].reverse ? CHECK.scale.min + CHECK.scale.max - k : k) - CHECK.scale.min];

/* The plain-language meaning under each part's bar in the latest taking:
 * {part name: text}. */
async function meanings(page) {
  const rows = page.locator('.facet-list').first().locator('.facet');
  const out = {};
  for (let i = 0; i < await rows.count(); i += 1) {
    const name = (await rows.nth(i).locator('.facet-name').textContent()).trim();
    const hint = rows.nth(i).locator('.hint');
    out[name] = (await hint.count()) ? (await hint.textContent()).trim() : null;
  }
  return out;
}

/* What the bars must say: each part's low (below the scale's middle) or
 * high meaning from the questionnaire, and none for the overall score. */
function expectedMeanings(side) {
  return { ...Object.fromEntries(CHECK.facets.map((f) => [f.name, f[side]])), Overall: null };
}

async function answer(page, i, k) {
  await page.getByRole('group', { name: CHECK.items[i].text }).waitFor();
  await page.getByText(`Sentence ${i + 1} of 28`).waitFor();
  await page.getByRole('radio', { name: keyedLabel(i, k), exact: true }).check();
  await page.getByRole('button', { name: i === 27 ? /^(Next|Finish)$/ : 'Next' }).click();
}

describe('the differentiation check', { timeout: 300000 }, () => {
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

  test('before any taking the page says what the check is and offers it', async () => {
    const { page } = ana;
    await page.goto('/check');
    await page.getByRole('heading', { name: 'Differentiation check', level: 1 }).waitFor();
    await page.getByText('No takings yet.').waitFor();
    await page.getByText(/not a diagnosis/).waitFor();
    await checkPage(page, 'check-empty');
  });

  test('one sentence per screen with a progress bar; stopping keeps the answers for next time', async () => {
    const { page } = ana;
    await page.getByRole('link', { name: 'Take the check' }).click();
    await answer(page, 0, 3);
    await checkPage(page, 'check-take');
    await answer(page, 1, 3);
    await answer(page, 2, 3);
    await page.getByText('Sentence 4 of 28').waitFor();
    assert.equal(await page.locator('progress').getAttribute('value'), '3');
    // back shows the answer already given
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByText('Sentence 3 of 28').waitFor();
    assert.ok(await page.getByRole('radio', { name: keyedLabel(2, 3), exact: true }).isChecked());
    await page.getByRole('link', { name: 'Stop for now' }).click();
    await page.getByRole('link', { name: 'Carry on (3 of 28 answered)' }).click();
    await page.getByText('Sentence 4 of 28').waitFor();
    assert.deepEqual(ana.problems, []);
  });

  test('finishing shows a bar per part with its meaning and the overall score', async () => {
    const { page } = ana;
    for (let i = 3; i < 28; i += 1) await answer(page, i, 3);
    await page.getByRole('heading', { name: 'Your results' }).waitFor();
    await page.getByText(/^Your latest taking/).waitFor();
    const bars = page.locator('.facet-list').first();
    assert.match(await bars.textContent(), /Emotional reactivity3\.00/);
    assert.match(await bars.textContent(), /Overall3\.00/);
    assert.equal(await page.locator('.facet-list').first().locator('.facet').count(), 5);
    // 3 of 1-6 is below the middle: each part says what a low score means
    assert.deepEqual(await meanings(page), expectedMeanings('low'));
    await page.getByRole('link', { name: 'Take it again' }).waitFor();
  });

  test('a second taking brings the change in plain words', async () => {
    const { page } = ana;
    await page.getByRole('link', { name: 'Take it again' }).click();
    for (let i = 0; i < 28; i += 1) await answer(page, i, 4);
    await page.getByText('Overall: +1.00, a reliable improvement.').waitFor();
    await page.getByText(/Emotional reactivity: \+1\.00, a reliable improvement\. \(RCI 2\.11\)/).waitFor();
    // 4 is above the middle: each part now says what a high score means
    assert.deepEqual(await meanings(page), expectedMeanings('high'));
    await checkPage(page, 'check-results');
    assert.deepEqual(ana.problems, []);
  });

  test('the smallest reliable change is said rounded up, so a change of exactly the figure said is reliable', async () => {
    const { page } = ana;
    // The server's own figure for the shipped check is 0.5259 (said 0.53);
    // an instrument with another spread gives others. Given 0.50043, a
    // change of +0.50 is noise (RCI 1.958): the page must say 0.51, not
    // 0.50; given 0.49996 it says 0.50; given 0.4704 (the example)
    // 0.48.
    for (const [delta, said] of [[0.50043, '0.51'], [0.49996, '0.50'], [0.4704, '0.48']]) {
      await page.route(/\/api\/v1\/results\?instrument=[^&]*$/, async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        body.change.overall.reliable_delta = delta;
        await route.fulfill({ response: res, json: body });
      });
      await page.goto('/check');
      await page.getByText('Overall: +1.00, a reliable improvement.').waitFor();
      const note = page.getByText(/^A change counts as more than measurement noise/);
      assert.match(await note.textContent(), new RegExp(`a change of ${said.replace('.', '\\.')} or more\\.$`), `for ${delta}`);
      await page.unrouteAll();
    }
    await page.goto('/check');
    await page.getByText('a change of 0.53 or more.', { exact: false }).waitFor();
  });

  test('Sam sees Ana\'s results only once she shares them, and never her answers', async () => {
    await sam.page.goto('/check');
    await sam.page.getByText('Ana has not shared results.').waitFor();
    await ana.page.getByRole('switch', { name: /Let Sam see my results/ }).check();
    await ana.page.getByText('Sam can see your results now.').waitFor();
    await sam.page.reload();
    await sam.page.getByRole('heading', { name: "Ana's results" }).waitFor();
    await sam.page.getByText(/^Ana's latest shared taking/).waitFor();
    const main = await sam.page.locator('main').textContent();
    assert.match(main, /Overall: \+1\.00, a reliable improvement\./);
    assert.doesNotMatch(main, new RegExp(CHECK.items[0].text.slice(0, 30)));
    await checkPage(sam.page, 'check-partner');
    const r = await sam.context.request.get('/api/v1/results?filter=theirs');
    assert.ok(!(await r.text()).includes('answers'));
    assert.deepEqual(sam.problems, []);
  });
});
