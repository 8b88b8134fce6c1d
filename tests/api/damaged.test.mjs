// A list or a search leaves out a record whose stored copy no longer
// decrypts (the database file damaged there), answers the others, and says
// how many it left out in "damaged": the journal's list and search, and
// the item lists (boundaries and needs, goals, interests, practice,
// reactions). The partner's count covers only what they could see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, couple } from './helpers.mjs';

let server;
let a;
let b;

before(async () => {
  server = await startServer();
  ({ a, b } = await couple(server.url));
});
after(async () => { await server.stop(); });

/* Damage record id's stored body in place: a whole, wrong ciphertext. */
function damage(id) {
  const changed = execFileSync('sqlite3', [join(server.data, 'dyad.db'),
    `UPDATE record SET body = zeroblob(80) WHERE id = '${id}'; SELECT changes();`]);
  assert.equal(String(changed).trim(), '1', `damaging ${id}`);
}

async function made(who, path, body) {
  const r = await who.post(path, body);
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function page(who, path) {
  const r = await who.get(path);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the journal list and the search leave a damaged entry out and count it, for whoever could see it', async () => {
  const keep = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, still here' });
  const priv = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, only mine' });
  const shared = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, for us both', shared: true });
  let p = await page(a, '/api/v1/journal');
  assert.equal(p.damaged, 0, 'nothing damaged yet');
  assert.equal((await page(a, '/api/v1/search?q=lighthouse')).damaged, 0);

  damage(priv);
  p = await page(a, '/api/v1/journal');
  assert.deepEqual(p.items.map((e) => e.id).sort(), [keep, shared].sort());
  assert.equal(p.damaged, 1);
  let s = await page(a, '/api/v1/search?q=lighthouse');
  assert.deepEqual(s.hits.map((h) => h.id).sort(), [keep, shared].sort());
  assert.equal(s.total, 2);
  assert.equal(s.damaged, 1);
  // Ben could never see the private one: nothing to count
  assert.equal((await page(b, '/api/v1/journal')).damaged, 0);
  assert.equal((await page(b, '/api/v1/search?q=lighthouse')).damaged, 0);

  damage(shared);
  p = await page(a, '/api/v1/journal');
  assert.deepEqual(p.items.map((e) => e.id), [keep]);
  assert.equal(p.damaged, 2);
  s = await page(a, '/api/v1/search?q=lighthouse');
  assert.equal(s.damaged, 2);
  p = await page(b, '/api/v1/journal?filter=theirs');
  assert.deepEqual(p.items, []);
  assert.equal(p.damaged, 1);
  s = await page(b, '/api/v1/search?q=lighthouse');
  assert.deepEqual(s.hits, []);
  assert.equal(s.damaged, 1);
});

test('a page counts only the damaged entries among its own', async () => {
  const own = await startServer();
  try {
    const c = await couple(own.url);
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const r = await c.a.post('/api/v1/journal', { text: `entry ${i}` });
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.id);
    }
    // newest first: pages [3, 2] and [1, 0]; entry 0 damaged is on page two
    const changed = execFileSync('sqlite3', [join(own.data, 'dyad.db'),
      `UPDATE record SET body = zeroblob(80) WHERE id = '${ids[0]}'; SELECT changes();`]);
    assert.equal(String(changed).trim(), '1');
    const one = await c.a.get('/api/v1/journal?limit=2');
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.damaged, 0);
    assert.ok(one.json.next, 'a second page');
    const two = await c.a.get(`/api/v1/journal?limit=2&cursor=${encodeURIComponent(one.json.next)}`);
    assert.equal(two.status, 200, two.text);
    assert.deepEqual(two.json.items.map((e) => e.text), ['entry 1']);
    assert.equal(two.json.damaged, 1);
  } finally {
    await own.stop();
  }
});

test('every item list leaves a damaged record out and counts it', async () => {
  const lists = [
    ['/api/v1/boundaries', { statement: 'An hour alone on Saturdays', form: 'need', area: 'time', shared: true },
      { statement: 'Quiet after ten', form: 'limit', area: 'time', shared: true }],
    ['/api/v1/goals', { statement: 'Learn to sail', status: 'active', shared: true },
      { statement: 'Read more', status: 'active', shared: true }],
    ['/api/v1/interests', { statement: 'Birdwatching', shared: true }, { statement: 'Pottery', shared: true }],
    ['/api/v1/practice', { practice: 'yoga', duration: '10m', shared: true },
      { practice: 'walking', duration: '20m', shared: true }],
    ['/api/v1/reactions', { happened: 'the dishes again', intensity: 6, paused: false, shared: true },
      { happened: 'a late train', intensity: 3, paused: true, shared: true }],
  ];
  for (const [path, bad, good] of lists) {
    const badId = await made(a, path, bad);
    const goodId = await made(a, path, good);
    assert.equal((await page(a, path)).damaged, 0, `${path}: nothing damaged yet`);
    damage(badId);
    for (const [who, filter] of [[a, ''], [b, '?filter=all']]) {
      const p = await page(who, path + filter);
      assert.deepEqual(p.items.map((x) => x.id), [goodId], path);
      assert.equal(p.damaged, 1, `${path}: the damaged one counted`);
    }
  }
});

test('the practice and reaction statistics leave a damaged record out of their figures and count it', async () => {
  // other tests here made sessions and reactions too: this one counts from
  // what the figures said before it began
  for (const [path, stats, count, body] of [
    ['/api/v1/practice', '/api/v1/stats/practice', 'sessions', { practice: 'yoga', duration: '10m' }],
    ['/api/v1/reactions', '/api/v1/stats/reactions', 'count', { happened: 'a slammed door', intensity: 7, paused: false }],
  ]) {
    const before = await page(a, stats);
    const theirs = await page(b, stats);
    const id = await made(a, path, body);
    assert.equal((await page(a, stats))[count], before[count] + 1, `${stats}: the new one counted`);
    damage(id);
    const after = await page(a, stats);
    assert.equal(after[count], before[count], `${stats}: the damaged one left out of the figures`);
    assert.equal(after.damaged, before.damaged + 1, `${stats}: and counted as damaged`);
    // Ben's figures are his own: Ana's damaged record is not his to count
    assert.equal((await page(b, stats)).damaged, theirs.damaged, `${stats}: Ben is told nothing of it`);
  }
});

test('a goal\'s notes leave a damaged note out and count it, for whoever could see it', async () => {
  const shared = await made(a, '/api/v1/goals', { statement: 'Learn the cello', status: 'active', shared: true });
  const priv = await made(a, '/api/v1/goals', { statement: 'Run a marathon', status: 'active' });
  assert.equal((await a.post(`/api/v1/goals/${shared}/notes`, { note: 'first lesson done' })).status, 201);
  const support = await b.post(`/api/v1/goals/${shared}/notes`, { note: 'I can drive you to lessons' });
  assert.equal(support.status, 201, support.text);
  const mine = await a.post(`/api/v1/goals/${priv}/notes`, { note: 'ten kilometres' });
  assert.equal(mine.status, 201, mine.text);
  let g = await page(a, `/api/v1/goals/${shared}`);
  assert.equal(g.notes.length, 2);
  assert.equal(g.notes_damaged, 0, 'nothing damaged yet');
  damage(support.json.notes.find((n) => n.note === 'I can drive you to lessons').id);
  damage(mine.json.notes[0].id);
  for (const who of [a, b]) {
    g = await page(who, `/api/v1/goals/${shared}`);
    assert.deepEqual(g.notes.map((n) => n.note), ['first lesson done']);
    assert.equal(g.notes_damaged, 1);
  }
  // the goal list carries the count of each goal's notes too
  const listed = (await page(b, '/api/v1/goals?filter=theirs')).items.find((x) => x.id === shared);
  assert.equal(listed.notes_damaged, 1);
  g = await page(a, `/api/v1/goals/${priv}`);
  assert.deepEqual(g.notes, []);
  assert.equal(g.notes_damaged, 1);
  // Ben cannot see the private goal, nor learn of its damaged note
  assert.equal((await b.get(`/api/v1/goals/${priv}`)).status, 404);
  assert.ok(!(await page(b, '/api/v1/goals')).items.some((x) => x.id === priv));
});

test('an entry\'s responses, and the recent ones, leave a damaged response out and count it', async () => {
  const entry = await made(a, '/api/v1/journal', { text: 'A long day, told to you.', shared: true });
  const read = await made(b, `/api/v1/journal/${entry}/responses`, { say: 'read' });
  const note = await made(b, `/api/v1/journal/${entry}/responses`, { say: 'note', note: 'Thank you for telling me.' });
  assert.equal((await page(a, `/api/v1/journal/${entry}/responses`)).damaged, 0, 'nothing damaged yet');
  const recentBefore = await page(a, '/api/v1/responses?days=7');
  damage(note);
  for (const who of [a, b]) {
    const p = await page(who, `/api/v1/journal/${entry}/responses`);
    assert.deepEqual(p.items.map((x) => x.id), [read]);
    assert.equal(p.damaged, 1);
  }
  const recent = await page(a, '/api/v1/responses?days=7');
  assert.equal(recent.damaged, recentBefore.damaged + 1);
  assert.ok(!recent.items.some((x) => x.id === note));
});

test('the recent responses count one whose entry could not be read, and leave it out', async () => {
  const kept = await made(a, '/api/v1/journal', { text: 'A quiet morning, told to you.', shared: true });
  const lost = await made(a, '/api/v1/journal', { text: 'A stormy evening, told to you.', shared: true });
  const onKept = await made(b, `/api/v1/journal/${kept}/responses`, { say: 'thanks' });
  const onLost = await made(b, `/api/v1/journal/${lost}/responses`, { say: 'read' });
  const before = await page(a, '/api/v1/responses?days=7');
  assert.ok(before.items.some((x) => x.id === onLost), 'listed while its entry can be read');
  damage(lost);
  const recent = await page(a, '/api/v1/responses?days=7');
  assert.equal(recent.damaged, before.damaged + 1);
  assert.deepEqual(recent.items.map((x) => x.id), before.items.map((x) => x.id).filter((id) => id !== onLost));
  assert.ok(recent.items.some((x) => x.id === onKept && x.entry.id === kept));
});

test('the check-in agenda, agreements and history count what they left out, each record once; never the partner\'s held item', async () => {
  // other tests here damaged records too (a boundary of Ana's is on her
  // agenda's count): this one counts from what was said before it began
  const before = {
    a: await page(a, '/api/v1/checkin/agenda'), b: await page(b, '/api/v1/checkin/agenda'),
    ag: await page(a, '/api/v1/checkin/agreements'), ha: await page(a, '/api/v1/checkin/history'),
    hb: await page(b, '/api/v1/checkin/history'),
  };
  const keep = await made(a, '/api/v1/checkin/items', { topic: 'appreciation', statement: 'Thank you for the soup' });
  const bad = await made(a, '/api/v1/checkin/items', { topic: 'concern', statement: 'Weekends feel rushed' });
  const held = await made(b, '/api/v1/checkin/items', { topic: 'other', statement: 'A held one of my own' });
  damage(bad);
  damage(held);
  let p = await page(a, '/api/v1/checkin/agenda');
  assert.deepEqual(p.items.filter((x) => [keep, bad].includes(x.id)).map((x) => x.id), [keep]);
  assert.equal(p.damaged, before.a.damaged + 1);
  p = await page(b, '/api/v1/checkin/agenda');
  assert.equal(p.damaged, before.b.damaged + 1, 'Ben counts his own held item, never Ana\'s');

  const start = await a.post('/api/v1/checkin/start');
  assert.equal(start.status, 201, start.text);
  const ci = start.json.id;
  assert.equal((await b.post('/api/v1/checkin/start')).status, 200);
  const agree = async (what) => {
    const r = await b.post(`/api/v1/checkin/sessions/${ci}/agreements`, { what, who: 'both', follow_up: '2020-01-01' });
    assert.equal(r.status, 201, r.text);
    return r.json.agreement.id;
  };
  await agree('Walk on Sundays');
  const badAgreement = await agree('Fix the gate');
  assert.equal((await a.post(`/api/v1/checkin/sessions/${ci}/end`)).status, 200);
  damage(badAgreement);
  for (const [who, path] of [[a, '/api/v1/checkin/agreements'], [b, '/api/v1/checkin/agreements?due=true']]) {
    const l = await page(who, path);
    assert.ok(!l.agreements.some((x) => x.id === badAgreement));
    assert.equal(l.damaged, before.ag.damaged + 1, path);
  }
  // a second check-in: the damaged item and agreement still count once each
  const again = await a.post('/api/v1/checkin/start');
  assert.equal(again.status, 201, again.text);
  assert.equal((await a.post(`/api/v1/checkin/sessions/${again.json.id}/end`)).status, 200);
  const ha = await page(a, '/api/v1/checkin/history');
  assert.equal(ha.checkins.length, before.ha.checkins.length + 2);
  assert.equal(ha.damaged, before.ha.damaged + 2, 'Ana: her item and the agreement, once each');
  const hb = await page(b, '/api/v1/checkin/history');
  assert.equal(hb.damaged, before.hb.damaged + 2, 'Ben: his item and the agreement, once each');
  damage(again.json.id);
  const after = await page(a, '/api/v1/checkin/history');
  assert.equal(after.checkins.length, before.ha.checkins.length + 1);
  assert.equal(after.damaged, before.ha.damaged + 3, 'the damaged check-in is counted too');
});

test('one check-in says what it left out (an item, a turn, an agreement) and which of its marks could not be read; never the partner\'s held item', async () => {
  // a server of its own: the counts are exact, not from what other tests damaged
  const own = await startServer();
  try {
    const { a: ana, b: ben } = await couple(own.url);
    const hurt = (id) => {
      const changed = execFileSync('sqlite3', [join(own.data, 'dyad.db'),
        `UPDATE record SET body = zeroblob(80) WHERE id = '${id}'; SELECT changes();`]);
      assert.equal(String(changed).trim(), '1', `damaging ${id}`);
    };
    const one = (sql) => String(execFileSync('sqlite3', [join(own.data, 'dyad.db'), sql])).trim();
    const keep = await made(ana, '/api/v1/checkin/items', { topic: 'appreciation', statement: 'Thank you for the soup' });
    const bad = await made(ana, '/api/v1/checkin/items', { topic: 'concern', statement: 'Weekends feel rushed' });
    const start = await ana.post('/api/v1/checkin/start');
    assert.equal(start.status, 201, start.text);
    const ci = start.json.id;
    assert.equal((await ben.post('/api/v1/checkin/start')).status, 200);
    // Ben's item for the next check-in, held: never Ana's to count
    const held = await made(ben, '/api/v1/checkin/items', { topic: 'other', statement: 'Ben keeps this one' });
    for (const [sort, words] of [['paraphrase', 'You liked the soup'], ['note', 'The lentil one']]) {
      const r = await ben.post(`/api/v1/checkin/items/${keep}/turns`, { sort, words });
      assert.equal(r.status, 201, r.text);
    }
    const turn = (await page(ana, `/api/v1/checkin/items/${keep}`)).turns.find((t) => t.words === 'The lentil one').id;
    const agree = async (what) => {
      const r = await ben.post(`/api/v1/checkin/sessions/${ci}/agreements`, { what, who: 'both' });
      assert.equal(r.status, 201, r.text);
      return r.json.agreement.id;
    };
    const walk = await agree('Walk on Sundays');
    const gate = await agree('Fix the gate');
    for (const who of [ana, ben]) {
      const c = await page(who, `/api/v1/checkin/sessions/${ci}`);
      assert.equal(c.damaged, 0, 'nothing damaged yet');
      assert.equal(c.marks_damaged, 0);
      assert.equal(c.items.find((x) => x.id === keep).turns_damaged, 0);
    }

    // Ben's held item by the check-in route: for Ana, no more than an id
    // that does not exist
    const hid = await ana.get(`/api/v1/checkin/sessions/${held}`);
    const nowhere = await ana.get('/api/v1/checkin/sessions/01938a4e-2222-7000-8000-000000000000');
    assert.equal(hid.status, 404);
    assert.equal(hid.text, nowhere.text);

    [bad, turn, gate, held].forEach(hurt);
    // the history counts each damaged record once, the turn too
    assert.equal((await page(ana, '/api/v1/checkin/history')).damaged, 3, 'her item, the note, the agreement');
    assert.equal((await page(ben, '/api/v1/checkin/history')).damaged, 4, 'the same, and his own held item');
    const anas = await page(ana, `/api/v1/checkin/sessions/${ci}`);
    assert.deepEqual(anas.items.map((x) => x.id), [keep]);
    assert.deepEqual(anas.items[0].turns.map((t) => t.words), ['You liked the soup']);
    assert.equal(anas.items[0].turns_damaged, 1);
    assert.deepEqual(anas.agreements.map((x) => x.id), [walk]);
    assert.equal(anas.damaged, 3, 'her item, the note, the agreement');
    assert.deepEqual(await page(ana, '/api/v1/checkin/current'), anas);
    assert.equal((await page(ana, `/api/v1/checkin/items/${keep}`)).turns_damaged, 1);
    assert.equal((await page(ben, `/api/v1/checkin/sessions/${ci}`)).damaged, 4, 'the same, and his own held item');

    // a done mark and the end mark damaged: the state read from them is
    // not guessed, but each answer says it may be out of date
    assert.equal((await ana.post(`/api/v1/checkin/agreements/${walk}/done`)).status, 200);
    assert.equal((await ana.post(`/api/v1/checkin/sessions/${ci}/end`)).status, 200);
    assert.equal((await page(ana, `/api/v1/checkin/sessions/${ci}`)).ended, true);
    assert.equal((await ana.get('/api/v1/checkin/current')).status, 404);
    hurt(one(`SELECT id FROM record WHERE kind = 'checkin_mark' AND parent_id = '${ci}' ORDER BY created_at DESC, rowid DESC LIMIT 1`));
    hurt(one(`SELECT id FROM record WHERE kind = 'checkin_done' AND parent_id = '${walk}'`));
    for (const who of [ana, ben]) {
      const cur = await page(who, '/api/v1/checkin/current');
      assert.equal(cur.id, ci, 'it reads as under way again');
      assert.equal(cur.ended, false);
      assert.equal(cur.marks_damaged, 1);
      assert.deepEqual(cur.agreements.map((x) => [x.id, x.done, x.marks_damaged]), [[walk, false, 1]]);
      const ag = await page(who, '/api/v1/checkin/agreements');
      assert.deepEqual(ag.agreements.map((x) => [x.id, x.marks_damaged]), [[walk, 1]]);
      const h = await page(who, '/api/v1/checkin/history');
      assert.equal(h.checkins[0].marks_damaged, 1);
    }
    // one that is no check-in, and one that does not exist
    assert.equal((await ana.get(`/api/v1/checkin/sessions/${walk}`)).status, 404);
    assert.equal((await ana.get('/api/v1/checkin/sessions/01938a4e-2222-7000-8000-000000000000')).status, 404);
    assert.equal((await ana.get('/api/v1/checkin/sessions/not-an-id')).status, 404);
  } finally {
    await own.stop();
  }
});
