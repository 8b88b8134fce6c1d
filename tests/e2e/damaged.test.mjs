// Records whose stored copy no longer decrypts (the database file damaged
// there) are left out of the pages' lists, and each page says how many, in
// a calm line under the list: the journal (over its pages too) and its
// search, boundaries and needs, practice, reactions, a goal's notes and an
// entry's responses; the practice and reaction figures (and Today's
// practice card) say what they left out too. Nothing is said while
// nothing is damaged; the partner is told only of what they could see.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { checkPage, coupleSuite, devicePost } from './harness.mjs';

const ONE_ENTRY = '1 entry could not be read (the database file is damaged) and is left out.';
const ONE_RECORD = '1 record could not be read (the database file is damaged) and is left out.';

describe('damaged records in the lists', { timeout: 180000 }, () => {
  let server;
  let browser;
  let ana;
  let ben;
  coupleSuite((s) => ({ server, browser, ana, ben } = s));

  /* Damage record id's stored body in place: a whole, wrong ciphertext. */
  function damage(id) {
    assert.ok(server.data, 'this test damages the server\'s database: it needs a server of its own');
    const changed = execFileSync('sqlite3', [path.join(server.data, 'dyad.db'),
      `UPDATE record SET body = zeroblob(80) WHERE id = '${id}'; SELECT changes();`]);
    assert.equal(String(changed).trim(), '1', `damaging ${id}`);
  }

  test('the journal and its search leave a damaged entry out and say so; the partner hears of a shared one only', async () => {
    const { page } = ana;
    await devicePost(ana, '/api/v1/journal', { text: 'Harbour walk, still here' });
    const priv = await devicePost(ana, '/api/v1/journal', { text: 'Harbour walk, only mine' });
    const shared = await devicePost(ana, '/api/v1/journal', { text: 'Harbour walk, for us both', shared: true });
    await page.goto('/journal');
    await page.locator('.entry-list li', { hasText: 'only mine' }).waitFor();
    assert.equal(await page.getByTestId('damaged-records').count(), 0, 'nothing said while nothing is damaged');

    damage(priv.id);
    await page.goto('/journal');
    await page.locator('.entry-list li', { hasText: 'still here' }).waitFor();
    assert.equal(await page.getByTestId('damaged-records').textContent(), ONE_ENTRY);
    assert.equal(await page.getByText('only mine').count(), 0);
    await checkPage(page, 'journal-damaged');

    await page.getByRole('searchbox').fill('harbour');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.locator('.search-results');
    await results.locator('li', { hasText: 'still here' }).waitFor();
    assert.equal(await page.locator('.search').getByTestId('damaged-records').textContent(), ONE_ENTRY);

    await ben.page.goto('/journal');
    await ben.page.locator('.entry-list li', { hasText: 'for us both' }).waitFor();
    assert.equal(await ben.page.getByTestId('damaged-records').count(), 0, 'Ben is not told of Ana\'s private entry');

    damage(shared.id);
    await page.goto('/journal');
    await page.locator('.entry-list li', { hasText: 'still here' }).waitFor();
    assert.equal(await page.getByTestId('damaged-records').textContent(),
      '2 entries could not be read (the database file is damaged) and are left out.');
    await ben.page.goto('/journal');
    await ben.page.getByTestId('damaged-records').waitFor();
    assert.equal(await ben.page.getByTestId('damaged-records').textContent(), ONE_ENTRY);
  });

  test('the journal adds up what its pages left out, as "Load more" brings them', async () => {
    const { page } = ben;
    const ids = [];
    for (let i = 0; i < 22; i++) ids.push((await devicePost(ben, '/api/v1/journal', { text: `Ben's entry number ${i} of the pile` })).id);
    // newest first, 20 to a page: entry 0 is on the second page
    damage(ids[0]);
    await page.goto('/journal?filter=mine');
    await page.locator('.entry-list li', { hasText: 'number 21 of' }).waitFor();
    assert.equal(await page.getByTestId('damaged-records').count(), 0, 'the first page left nothing out');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.locator('.entry-list li', { hasText: 'number 1 of' }).waitFor();
    await page.getByTestId('damaged-records').waitFor();
    assert.equal(await page.getByTestId('damaged-records').textContent(), ONE_ENTRY);
  });

  test('boundaries, practice and reactions say how many records they left out', async () => {
    const { page } = ana;
    const need = await devicePost(ana, '/api/v1/boundaries', { statement: 'An hour alone on Saturdays', form: 'need', area: 'time' });
    await devicePost(ana, '/api/v1/boundaries', { statement: 'Quiet after ten', form: 'limit', area: 'time' });
    const yoga = await devicePost(ana, '/api/v1/practice', { practice: 'yoga', duration: '10m' });
    await devicePost(ana, '/api/v1/practice', { practice: 'walking', duration: '20m' });
    const rx = await devicePost(ana, '/api/v1/reactions', { happened: 'the dishes again', intensity: 6, paused: false });
    await devicePost(ana, '/api/v1/reactions', { happened: 'a late train', intensity: 3, paused: true });

    await page.goto('/boundaries');
    await page.getByText('Quiet after ten').waitFor();
    assert.equal(await page.getByTestId('damaged-records').count(), 0);
    damage(need.id);
    await page.goto('/boundaries');
    await page.getByText('Quiet after ten').waitFor();
    const bounds = page.locator('section', { has: page.getByRole('heading', { name: 'Boundaries & needs' }) });
    assert.equal(await bounds.getByTestId('damaged-records').textContent(), ONE_RECORD);
    assert.equal(await page.getByText('An hour alone on Saturdays').count(), 0);
    await checkPage(page, 'self-damaged');

    // the list says what it left out, and so do the figures above it
    await page.goto('/practice');
    await page.locator('.item', { hasText: 'Yoga' }).first().waitFor();
    assert.equal(await page.getByTestId('damaged-records').count(), 0);
    damage(yoga.id);
    await page.goto('/practice');
    await page.locator('.item', { hasText: 'Walking' }).first().waitFor();
    const recent = page.locator('section', { has: page.getByRole('heading', { name: 'Recent sessions' }) });
    assert.equal(await recent.getByTestId('damaged-records').textContent(), ONE_RECORD);
    assert.equal(await page.getByRole('region', { name: 'Minutes per week' }).getByTestId('damaged-records').textContent(),
      '1 session could not be read (the database file is damaged) and is left out of these figures.');
    await page.goto('/today');
    await page.getByTestId('practice-card').waitFor();
    assert.equal(await page.getByTestId('practice-card').getByTestId('damaged-records').textContent(),
      '1 session could not be read (the database file is damaged) and is left out of these figures.');

    damage(rx.id);
    await page.goto('/reactions');
    await page.getByText('a late train').waitFor();
    const recentRx = page.locator('section', { has: page.getByRole('heading', { name: 'Recent reactions' }) });
    assert.equal(await recentRx.getByTestId('damaged-records').textContent(), ONE_RECORD);
    assert.equal(await page.getByRole('region', { name: 'Your trends' }).getByTestId('damaged-records').textContent(),
      '1 reaction could not be read (the database file is damaged) and is left out of these figures.');
    assert.equal(await page.getByText('the dishes again').count(), 0);
    await checkPage(page, 'reactions-damaged');
  });

  test('a goal\'s notes and an entry\'s responses say how many they left out, to both partners', async () => {
    const goal = await devicePost(ana, '/api/v1/goals', { statement: 'Learn the cello', status: 'active', shared: true });
    await devicePost(ana, `/api/v1/goals/${goal.id}/notes`, { note: 'first lesson done' });
    const withSupport = await devicePost(ben, `/api/v1/goals/${goal.id}/notes`, { note: 'I can drive you to lessons' });
    const entry = await devicePost(ana, '/api/v1/journal', { text: 'A long day, told to you.', shared: true });
    await devicePost(ben, `/api/v1/journal/${entry.id}/responses`, { say: 'read' });
    const note = await devicePost(ben, `/api/v1/journal/${entry.id}/responses`, { say: 'note', note: 'Thank you for telling me.' });

    const goalItem = (p) => p.locator('.item', { hasText: 'Learn the cello' });
    await ana.page.goto('/boundaries');
    await goalItem(ana.page).getByText('I can drive you to lessons').waitFor();
    assert.equal(await goalItem(ana.page).getByTestId('damaged-records').count(), 0, 'nothing said while nothing is damaged');
    damage(withSupport.notes.find((n) => n.note === 'I can drive you to lessons').id);
    for (const { page } of [ana, ben]) {
      await page.goto('/boundaries');
      await goalItem(page).getByText('first lesson done').waitFor();
      assert.equal(await goalItem(page).getByTestId('damaged-records').textContent(),
        '1 note could not be read (the database file is damaged) and is left out.');
      assert.equal(await page.getByText('I can drive you to lessons').count(), 0);
    }
    await checkPage(ben.page, 'goals-damaged-note');

    damage(note.id);
    for (const { page } of [ana, ben]) {
      await page.goto(`/journal/${entry.id}`);
      await page.getByTestId('responses').getByText('I read this').waitFor();
      assert.equal(await page.locator('.responses-section').getByTestId('damaged-records').textContent(),
        '1 response could not be read (the database file is damaged) and is left out.');
      assert.equal(await page.getByText('Thank you for telling me.').count(), 0);
    }

    // Today's card of Ben's recent responses to Ana's entries says so too
    const card = ana.page.getByTestId('responses-card');
    await ana.page.goto('/today');
    await card.getByText('A long day, told to you.', { exact: false }).waitFor();
    assert.equal(await card.getByTestId('damaged-records').textContent(),
      '1 response could not be read (the database file is damaged) and is left out.');
    assert.equal(await card.getByText('Thank you for telling me.').count(), 0);
    await checkPage(ana.page, 'today-damaged-response');
  });

  test('the check-in page says what its agenda and its history left out; never the partner\'s held item', async () => {
    const { page } = ben;
    await devicePost(ben, '/api/v1/checkin/items', { topic: 'appreciation', statement: 'Thank you for the soup' });
    const bad = await devicePost(ben, '/api/v1/checkin/items', { topic: 'concern', statement: 'Weekends feel rushed' });
    const anasHeld = await devicePost(ana, '/api/v1/checkin/items', { topic: 'other', statement: 'Ana keeps this one' });
    const agenda = page.getByTestId('agenda-lists');
    await page.goto('/checkins');
    await agenda.getByText('Weekends feel rushed').waitFor();
    assert.equal(await agenda.getByTestId('damaged-records').count(), 0, 'nothing said while nothing is damaged');
    damage(bad.id);
    damage(anasHeld.id);
    await page.goto('/checkins');
    await agenda.getByText('Thank you for the soup').waitFor();
    // one: Ben's own; Ana's held item is not his to count
    assert.equal(await agenda.getByTestId('damaged-records').textContent(), ONE_RECORD);
    assert.equal(await agenda.getByText('Weekends feel rushed').count(), 0);

    // a check-in with an agreement that is then damaged: the history says
    // so, counting Ben's damaged item and the agreement once each
    const ci = await devicePost(ben, '/api/v1/checkin/start');
    await devicePost(ana, '/api/v1/checkin/start', {}, 200);
    const agreed = await devicePost(ben, `/api/v1/checkin/sessions/${ci.id}/agreements`, { what: 'Walk on Sundays', who: 'both' });
    await devicePost(ben, `/api/v1/checkin/sessions/${ci.id}/end`, {}, 200);
    damage(agreed.agreement.id);
    await page.goto('/checkins');
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Past check-ins' }) });
    await history.getByTestId('damaged-records').waitFor();
    assert.equal(await history.getByTestId('damaged-records').textContent(),
      '2 records could not be read (the database file is damaged) and are left out.');
    await checkPage(page, 'checkins-damaged');
  });
  test('a check-in says what it left out, and that its state may be out of date when a mark could not be read: the talk, the history, Today', async () => {
    const { page } = ana;
    const records = (n) => (n === 1 ? ONE_RECORD : `${n} records could not be read (the database file is damaged) and are left out.`);
    const get = async (device, p) => {
      const r = await device.context.request.get(p);
      assert.equal(r.status(), 200, p);
      return r.json();
    };
    const db = path.join(server.data, 'dyad.db');
    const one = (sql) => String(execFileSync('sqlite3', [db, sql])).trim();
    await devicePost(ana, '/api/v1/checkin/items', { topic: 'appreciation', statement: 'Thanks for the lanterns' });
    const gone = await devicePost(ana, '/api/v1/checkin/items', { topic: 'concern', statement: 'Mornings feel short' });
    const ci = await devicePost(ana, '/api/v1/checkin/start');
    await devicePost(ben, '/api/v1/checkin/start', {}, 200);
    const walk = await devicePost(ben, `/api/v1/checkin/sessions/${ci.id}/agreements`, { what: 'Lantern walk on Fridays', who: 'both' });
    const gate = await devicePost(ben, `/api/v1/checkin/sessions/${ci.id}/agreements`, { what: 'Oil the gate', who: 'both' });
    // what other tests here damaged is counted too: from what was said before
    const before = await get(ana, `/api/v1/checkin/sessions/${ci.id}`);
    const talk = page.locator('section', { has: page.getByRole('heading', { name: 'The talk' }) });
    damage(gone.id);
    damage(gate.agreement.id);
    await page.goto('/checkins');
    await talk.getByText('Lantern walk on Fridays').waitFor();
    assert.equal(await talk.getByTestId('damaged-records').textContent(), records(before.damaged + 2));
    assert.equal(await talk.getByText('Oil the gate').count(), 0);
    assert.equal(await talk.getByTestId('damaged-marks').count(), 0, 'nothing said of marks while none is damaged');

    // Ana marks the walk done and ends the check-in; then the end mark and
    // the done mark are damaged: it reads as under way and not done again,
    // and the page says that this may be out of date
    await devicePost(ana, `/api/v1/checkin/agreements/${walk.agreement.id}/done`, {}, 200);
    await devicePost(ana, `/api/v1/checkin/sessions/${ci.id}/end`, {}, 200);
    damage(one(`SELECT id FROM record WHERE kind = 'checkin_mark' AND parent_id = '${ci.id}' ORDER BY created_at DESC, rowid DESC LIMIT 1`));
    damage(one(`SELECT id FROM record WHERE kind = 'checkin_done' AND parent_id = '${walk.agreement.id}'`));
    await page.goto('/checkins');
    await talk.getByText('Lantern walk on Fridays').waitFor();
    const marks = talk.getByTestId('damaged-marks');
    assert.equal(await marks.count(), 2);
    assert.equal(await marks.first().textContent(), '1 record of this check-in could not be read (the database file is damaged): '
      + 'whether it has ended, and who joined it, may be out of date.');
    const walkLine = talk.getByTestId('agreement').filter({ hasText: 'Lantern walk on Fridays' });
    assert.equal(await walkLine.getByTestId('damaged-marks').textContent(), '1 record of this agreement could not be read '
      + '(the database file is damaged): whether it is done may be out of date.');
    assert.equal(await walkLine.getByRole('button', { name: 'Mark done' }).count(), 1, 'shown as not done, as read');
    await checkPage(page, 'checkin-damaged-marks');

    await page.goto('/today');
    const card = page.getByTestId('checkin-card');
    await card.getByText('A check-in is under way.').waitFor();
    assert.equal(await card.getByTestId('damaged-marks').textContent(), '1 record of this check-in could not be read '
      + '(the database file is damaged): whether it has ended, and who joined it, may be out of date.');
  });
});
