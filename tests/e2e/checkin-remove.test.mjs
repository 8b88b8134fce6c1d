// Deleting an agreement in the browser, at phone size: Ana, who wrote it,
// has a Delete button on her agreements and none on Ben's (Ben, who marks
// hers done, has none on hers); Delete asks first in a dialog, where
// "Keep it" keeps it and Delete takes it away, done marks and all, for
// both of them; an agreement of a past check-in is deleted the same way.
// axe finds nothing serious with the dialog open or after, and no page
// logs an error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, coupleSuite } from './harness.mjs';

describe('deleting an agreement', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;
  let ben;
  coupleSuite((s) => ({ server, browser, ana, ben } = s));

  const section = (page, name) => page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });
  const agreement = (page, sec, what) => section(page, sec).getByTestId('agreement').filter({ hasText: what });

  async function agree(page, what) {
    const talk = section(page, 'The talk');
    await talk.getByLabel('What will be done').fill(what);
    await talk.getByRole('button', { name: 'Add the agreement' }).click();
    await agreement(page, 'The talk', what).waitFor();
  }

  test('only its author sees Delete; it asks first, and Keep it keeps it', async () => {
    const { page } = ana;
    await page.goto('/checkins');
    await section(page, 'The talk').getByRole('button', { name: 'Start the check-in' }).click();
    await agree(page, 'Book the plumbr');
    await agree(page, 'Walk on Sundays');
    await ben.page.goto('/checkins');
    await section(ben.page, 'The talk').getByRole('button', { name: 'Join the check-in' }).click();
    await agree(ben.page, 'Fix the gate');
    // Ben marks Ana's done; her agreements have no Delete for him
    await agreement(ben.page, 'The talk', 'Book the plumbr').getByRole('button', { name: 'Mark done' }).click();
    await agreement(ben.page, 'The talk', 'Book the plumbr').getByText(/You marked it done/).waitFor();
    assert.equal(await agreement(ben.page, 'The talk', 'Book the plumbr').getByRole('button', { name: 'Delete' }).count(), 0);
    assert.equal(await agreement(ben.page, 'The talk', 'Walk on Sundays').getByRole('button', { name: 'Delete' }).count(), 0);
    await agreement(ben.page, 'The talk', 'Fix the gate').getByRole('button', { name: 'Delete' }).waitFor();

    await page.reload();
    const typo = agreement(page, 'The talk', 'Book the plumbr');
    await typo.getByText(/Ben marked it done/).waitFor();
    assert.equal(await agreement(page, 'The talk', 'Fix the gate').getByRole('button', { name: 'Delete' }).count(), 0);
    await typo.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this agreement?' });
    await dialog.getByText('\u201cBook the plumbr\u201d goes for good, for you and for Ben, with any marks that it is done.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep it', 'focus starts on the safe choice');
    await checkPage(page, 'checkins-remove-ask');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await typo.count(), 1, 'kept');
  });

  test('Delete takes it away with its done marks, for both; one of a past check-in too', async () => {
    const { page } = ana;
    await agreement(page, 'The talk', 'Book the plumbr').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('The agreement is deleted.').waitFor();
    await agreement(page, 'The talk', 'Book the plumbr').waitFor({ state: 'detached' });
    await agreement(page, 'The talk', 'Walk on Sundays').waitFor();
    await agreement(page, 'The talk', 'Fix the gate').waitFor();
    await checkPage(page, 'checkins-removed');
    await ben.page.reload();
    await agreement(ben.page, 'The talk', 'Walk on Sundays').waitFor();
    assert.equal(await agreement(ben.page, 'The talk', 'Book the plumbr').count(), 0);
    const left = await ben.page.request.get('/api/v1/checkin/agreements');
    const { agreements } = await left.json();
    assert.deepEqual(agreements.map((x) => x.what).sort(), ['Fix the gate', 'Walk on Sundays']);
    assert.equal(agreements.some((x) => x.done), false, 'the marks went with it');

    // after the check-in has ended, from Past check-ins
    await section(page, 'The talk').getByRole('button', { name: 'End the check-in' }).click();
    await section(page, 'The talk').getByRole('button', { name: 'Start the check-in' }).waitFor();
    const past = agreement(page, 'Past check-ins', 'Walk on Sundays');
    await past.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await past.waitFor({ state: 'detached' });
    await agreement(page, 'Past check-ins', 'Fix the gate').waitFor();
    assert.equal(await agreement(page, 'Past check-ins', 'Fix the gate').getByRole('button', { name: 'Delete' }).count(), 0);
    await checkPage(page, 'checkins-removed-past');
    assert.deepEqual(ana.problems, []);
    assert.deepEqual(ben.problems, []);
  });
});
