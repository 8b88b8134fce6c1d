// Boundaries & goals in the browser, two partners on two devices: Ana
// writes a boundary privately and Ben does not see it; shared, it shows on
// Ben's Today and page, Ben acknowledges it, Ana sees that; Ana rewords it
// and it asks again, with the earlier wording kept (one that cannot be
// read is left out, and the page says how many); Ben supports Ana's
// shared goal and Ana puts the note away; an empty statement
// gets a clear message. axe finds nothing serious at phone and desktop
// size, and no page logs an error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { checkPage, coupleSuite, devicePost } from './harness.mjs';

describe('boundaries and goals for two', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;
  let ben;
  coupleSuite((s) => ({ server, browser, ana, ben } = s));

  const boundaries = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Boundaries & needs' }) });
  const goals = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Goals', exact: true }) });

  test('the page is under More, and a boundary stays private until shared', async () => {
    const { page } = ana;
    await page.goto('/today');
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('link', { name: 'Boundaries & goals' }).click();
    await page.waitForURL('**/boundaries');
    const sec = boundaries(page);
    await sec.locator('summary', { hasText: 'Write a boundary or a need' }).click();
    await sec.getByRole('button', { name: 'Save' }).click();
    await sec.getByText('Write it in your own words first.').waitFor();
    await sec.getByLabel('In your words').fill('I need an hour to myself after work');
    await sec.getByLabel('Area').selectOption('time');
    await sec.getByLabel('Why it matters to you').fill('to land after the day');
    await sec.getByRole('button', { name: 'Save' }).click();
    await sec.locator('.item--mine', { hasText: 'I need an hour to myself after work' }).waitFor();
    await sec.getByText('I need… · Time · Only you').waitFor();
    await ben.page.goto('/boundaries');
    await ben.page.getByText('Ana has not shared any yet.').first().waitFor();
    assert.equal(await ben.page.getByText('an hour to myself').count(), 0);
    await checkPage(page, 'self-mine');
  });

  test('shared, the partner sees it on Today, acknowledges it, and the owner sees that', async () => {
    const { page } = ana;
    const item = boundaries(page).locator('.item--mine', { hasText: 'an hour to myself' });
    await item.getByRole('button', { name: 'Share' }).click();
    await item.getByText('Waiting for Ben to read it').waitFor();
    await ben.page.goto('/today');
    const card = ben.page.getByTestId('self-card');
    await card.getByText('Ana shared a boundary for you to read.').waitFor();
    await card.getByRole('link', { name: 'Open' }).click();
    await ben.page.waitForURL('**/boundaries');
    const theirs = boundaries(ben.page).locator('.item--theirs', { hasText: 'an hour to myself' });
    assert.equal(await theirs.getByRole('button', { name: 'Reword' }).count(), 0, 'the partner cannot edit');
    assert.equal(await theirs.getByRole('button', { name: 'Delete' }).count(), 0, 'the partner cannot delete');
    await theirs.getByRole('button', { name: "I've read this and I understand it" }).click();
    await theirs.getByText('You acknowledged this').waitFor();
    await checkPage(ben.page, 'self-theirs');
    await page.reload();
    await boundaries(page).getByText('Ben read and understood this').waitFor();
  });

  test('a new wording asks again, and the earlier one is kept', async () => {
    const { page } = ana;
    const item = boundaries(page).locator('.item--mine', { hasText: 'an hour to myself' });
    await item.locator('summary', { hasText: 'Reword' }).click();
    await item.getByText('Ben will be asked to acknowledge the new wording.').waitFor();
    await item.getByLabel('In your words').fill('I need half an hour to myself after work');
    await item.getByRole('button', { name: 'Save the new wording' }).click();
    const now = boundaries(page).locator('.item--mine', { hasText: 'half an hour' });
    await now.getByText('Reworded since Ben acknowledged it').waitFor();
    await now.locator('summary', { hasText: 'Earlier wordings' }).click();
    await now.locator('.wordings li', { hasText: 'I need an hour to myself after work' }).waitFor();
  });

  test('a kept wording that cannot be read is left out of the earlier wordings, and the page says so', async () => {
    assert.ok(server.data, 'this test damages the server\'s database: it needs a server of its own');
    const { page } = ana;
    const { id } = await devicePost(ana, '/api/v1/boundaries', { statement: 'Slow Sunday mornings, first', form: 'need', area: 'time' });
    for (const statement of ['Slow Sunday mornings, second', 'Slow Sunday mornings, third']) {
      const r = await ana.context.request.put(`/api/v1/boundaries/${id}`, { data: { statement }, headers: { 'X-CSRF-Token': ana.csrf } });
      assert.equal(r.status(), 200, await r.text());
    }
    const changed = execFileSync('sqlite3', [path.join(server.data, 'dyad.db'),
      `UPDATE record_version SET body = zeroblob(80) WHERE record_id = '${id}' AND version = 1; SELECT changes();`]);
    assert.equal(String(changed).trim(), '1');
    await page.goto('/boundaries');
    const item = boundaries(page).locator('.item--mine', { hasText: 'Slow Sunday mornings, third' });
    await item.locator('summary', { hasText: 'Earlier wordings' }).click();
    await item.locator('.wordings li', { hasText: 'Slow Sunday mornings, second' }).waitFor();
    assert.equal(await item.getByTestId('damaged-wordings').textContent(),
      '1 earlier wording could not be read (the database file is damaged) and is left out.');
    assert.equal(await item.getByText('Slow Sunday mornings, first').count(), 0);
    await checkPage(page, 'self-history-damaged');
    // a boundary whose kept wordings all read says nothing of the kind
    const whole = boundaries(page).locator('.item--mine', { hasText: 'half an hour to myself' });
    await whole.locator('summary', { hasText: 'Earlier wordings' }).click();
    await whole.locator('.wordings li', { hasText: 'I need an hour to myself after work' }).waitFor();
    assert.equal(await whole.getByTestId('damaged-wordings').count(), 0);
  });

  test('the partner supports a shared goal; the owner puts the note away and marks it done', async () => {
    const { page } = ana;
    const sec = goals(page);
    await sec.locator('summary', { hasText: 'Write a goal' }).click();
    await sec.getByLabel('A goal').fill('Learn the cello');
    await sec.getByLabel('By when').fill('2027-06-30');
    await sec.getByLabel('Share with my partner').check();
    await sec.getByRole('button', { name: 'Save goal' }).click();
    await sec.locator('.item--mine', { hasText: 'Learn the cello' }).waitFor();
    await ben.page.goto('/boundaries');
    const g = goals(ben.page).locator('.item--theirs', { hasText: 'Learn the cello' });
    await g.locator('summary', { hasText: 'Leave a note of support' }).click();
    await g.getByLabel('A note of support for Ana').fill('I can drive you to lessons');
    await g.getByRole('button', { name: 'Send' }).click();
    await g.getByText('I can drive you to lessons').waitFor();
    assert.equal(await g.getByLabel('Status').count(), 0, 'the partner cannot change the status');
    await page.goto('/today');
    await page.getByTestId('self-card').getByText('Ben left a note of support on your goals.').waitFor();
    await page.goto('/boundaries');
    const mine = goals(page).locator('.item--mine', { hasText: 'Learn the cello' });
    await mine.getByText('Support from Ben').waitFor();
    await mine.getByRole('button', { name: 'Put away' }).click();
    await mine.getByText('Support from Ben').waitFor({ state: 'detached' });
    await mine.getByLabel('Status').selectOption('done');
    await goals(page).locator('.item--mine', { hasText: 'Learn the cello' }).getByText('Done · by 2027-06-30').waitFor();
    // what we each are growing toward, side by side
    await page.locator('.growing').getByText('Learn the cello').waitFor();
    await checkPage(page, 'self-goals');
  });

  test('no page logged a script error or a CSP violation', () => {
    assert.deepEqual(ana.problems, []);
    assert.deepEqual(ben.problems, []);
  });
});
