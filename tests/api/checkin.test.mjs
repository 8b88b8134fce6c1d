// Check-ins over HTTP: the couple's schedule and its next date in their
// zone across a daylight-saving change; the .ics download; agenda items
// held under their author's key and unreachable by the partner through
// every route until revealed or joined (the same 404 as a missing one),
// and by the logged-out (401); the roles of the talk; agreements (empty is
// an error, a past follow-up a warning); bad input changes nothing; the
// database file holds no plaintext of what was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client, TestClock } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';
// Monday 2027-03-22 12:00 UTC: the clocks in London go forward on Sunday the 28th
const MONDAY = Date.UTC(2027, 2, 22, 12, 0) / 1000;

let srv;
let clock;
let a;
let b;

before(async () => {
  clock = new TestClock(MONDAY);
  srv = await startServer({ clock });
  ({ a, b } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
  clock.remove();
});

test('no schedule yet: null, and the calendar is a 404', async () => {
  const r = await a.get('/api/v1/checkin/schedule');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.schedule, null);
  assert.equal(r.json.next, null);
  assert.equal((await a.get('/api/v1/checkin/calendar.ics')).status, 404);
});

test('bad schedules are refused with a clear message and change nothing', async () => {
  const cases = [
    [{ frequency: 'fortnightly', day: 'sun', time: '19:30', zone: 'Europe/London' }, /weekly, biweekly or monthly/],
    [{ frequency: 'weekly', day: 'sun', time: '25:00', zone: 'Europe/London' }, /25:00/],
    [{ frequency: 'weekly', day: 'someday', time: '19:30', zone: 'Europe/London' }, /not a day/],
    [{ frequency: 'weekly', day: 'sun', time: '19:30', zone: 'Mars/Olympus' }, /zone/],
    [{ frequency: 'weekly', day: 'sun', time: '19:30', week: '2', zone: 'UTC' }, /monthly/],
    [{ frequency: 'monthly', day: 'sun', time: '19:30', week: '5', zone: 'UTC' }, /week of the month/],
    [{ frequency: 7, day: 'sun', time: '19:30' }, /short strings/],
  ];
  for (const [body, says] of cases) {
    const r = await a.put('/api/v1/checkin/schedule', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(isErrorShape(r.json), r.text);
    assert.match(r.json.error.message, says);
  }
  assert.equal((await a.get('/api/v1/checkin/schedule')).json.schedule, null);
});

test('a weekly schedule keeps 19:30 in London across the change to summer time; the partner sees it', async () => {
  const r = await a.put('/api/v1/checkin/schedule', { frequency: 'weekly', day: 'sunday', time: '19:30', zone: 'Europe/London' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.schedule.words, 'every Sunday at 19:30');
  assert.equal(r.json.next, '2027-03-28T18:30:00Z');
  assert.equal(r.json.next_local, '2027-03-28T19:30');
  const theirs = await b.get('/api/v1/checkin/schedule');
  assert.deepEqual(theirs.json, r.json);
  // the Saturday before the change is still GMT: 19:30 local is 19:30 UTC
  const sat = await b.put('/api/v1/checkin/schedule', { frequency: 'weekly', day: 'sat', time: '19:30', zone: 'Europe/London' });
  assert.equal(sat.json.next, '2027-03-27T19:30:00Z');
  assert.equal(sat.json.next_local, '2027-03-27T19:30');
  const back = await b.put('/api/v1/checkin/schedule', { frequency: 'weekly', day: 'sun', time: '19:30', zone: 'Europe/London' });
  assert.equal(back.json.next, '2027-03-28T18:30:00Z');
});

test('the calendar download is RFC 5545 and says the same', async () => {
  const r = await b.get('/api/v1/checkin/calendar.ics');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const raw = Buffer.from(r.text, 'utf8');
  for (const line of r.text.split('\r\n').slice(0, -1)) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.ok(r.text.endsWith('\r\n'));
  assert.equal(raw.includes(Buffer.from('\n\n')), false);
  const lines = r.text.replace(/\r\n /g, '').split('\r\n');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.ok(lines.includes('DTSTART;TZID=Europe/London:20270328T193000'), r.text);
  assert.ok(lines.includes('RRULE:FREQ=WEEKLY;BYDAY=SU'));
  assert.ok(lines.includes('TZID:Europe/London'));
  assert.ok(lines.includes('DTSTART:20270328T010000'), 'the change to BST');
  const begins = lines.filter((l) => l.startsWith('BEGIN:')).length;
  assert.equal(begins, lines.filter((l) => l.startsWith('END:')).length);
});

let held;
let revealed;
let sams;

test('an agenda item is held: the partner cannot reach it through any route, nor can the logged-out', async () => {
  const goal = await a.post('/api/v1/goals', { statement: 'Run a 10k', status: 'active' });
  assert.equal(goal.status, 201, goal.text);
  let r = await a.post('/api/v1/checkin/items', { topic: 'goal', statement: 'MARKER-HELD-quokka my training', link: goal.json.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.visibility, 'held');
  assert.equal(r.json.link, goal.json.id);
  held = r.json.id;
  r = await a.post('/api/v1/checkin/items', { topic: 'appreciation', statement: 'MARKER-THANKS-capybara' });
  assert.equal(r.status, 201, r.text);
  revealed = r.json.id;
  r = await b.post('/api/v1/checkin/items', { topic: 'concern', statement: 'MARKER-SAM-wombat weekends' });
  assert.equal(r.status, 201, r.text);
  sams = r.json.id;

  const missing = await b.get(`/api/v1/checkin/items/${MISSING}`);
  assert.equal(missing.status, 404);
  for (const id of [held, revealed]) {
    const g = await b.get(`/api/v1/checkin/items/${id}`);
    assert.equal(g.status, 404);
    assert.deepEqual(g.json, missing.json);
    const rv = await b.post(`/api/v1/checkin/items/${id}/reveal`, {});
    assert.equal(rv.status, 404, rv.text);
    assert.deepEqual(rv.json, missing.json);
    const t = await b.post(`/api/v1/checkin/items/${id}/turns`, { sort: 'note', words: 'x' });
    assert.equal(t.status, 404, t.text);
  }
  const agenda = await b.get('/api/v1/checkin/agenda');
  assert.equal(agenda.status, 200);
  assert.equal(agenda.text.includes('MARKER-HELD'), false);
  assert.equal(agenda.text.includes('capybara'), false);
  for (const path of ['/api/v1/checkin/history', '/api/v1/checkin/agreements', '/api/v1/boundaries?filter=all', '/api/v1/goals?filter=all']) {
    const l = await b.get(path);
    assert.equal(l.status, 200, path);
    assert.equal(l.text.includes('quokka'), false, path);
  }
  const anon = new Client(srv.url);
  for (const [method, path] of [
    ['GET', '/api/v1/checkin/schedule'], ['GET', '/api/v1/checkin/calendar.ics'], ['GET', '/api/v1/checkin/agenda'],
    ['GET', `/api/v1/checkin/items/${held}`], ['POST', `/api/v1/checkin/items/${held}/reveal`],
    ['POST', `/api/v1/checkin/items/${held}/turns`], ['POST', '/api/v1/checkin/start'],
    ['GET', '/api/v1/checkin/current'], ['GET', '/api/v1/checkin/history'], ['GET', '/api/v1/checkin/agreements'],
    ['POST', '/api/v1/checkin/items'], ['PUT', '/api/v1/checkin/schedule'], ['DELETE', '/api/v1/checkin/schedule'],
    ['POST', `/api/v1/checkin/sessions/${MISSING}/join`], ['POST', `/api/v1/checkin/sessions/${MISSING}/end`],
    ['POST', `/api/v1/checkin/sessions/${MISSING}/agreements`], ['POST', `/api/v1/checkin/agreements/${MISSING}/done`],
    ['DELETE', `/api/v1/checkin/agreements/${MISSING}/done`],
  ]) {
    const r2 = await anon.req(method, path, method === 'GET' ? {} : { body: {} });
    assert.equal(r2.status, 401, `${method} ${path}`);
    assert.equal(r2.text.includes('quokka'), false);
  }
});

test('revealing shows an item to the partner; bad items are refused and change nothing', async () => {
  const before = (await a.get('/api/v1/checkin/agenda')).json.items.length;
  for (const [body, says] of [
    [{ topic: 'gossip', statement: 'x' }, /topic must be one of/],
    [{ topic: 'other', statement: '  ' }, /few words/],
    [{ topic: 'other', statement: 'x'.repeat(2001) }, /2001 characters/],
    [{ topic: 'goal', statement: 'x', link: MISSING }, /No goal, boundary or answer/],
    [{ topic: 'other' }, /statement/],
  ]) {
    const r = await a.post('/api/v1/checkin/items', body);
    assert.ok(r.status >= 400 && r.status < 500, r.text);
    assert.match(r.json.error.message, says);
  }
  assert.equal((await a.get('/api/v1/checkin/agenda')).json.items.length, before);
  const r = await a.post(`/api/v1/checkin/items/${revealed}/reveal`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.visibility, 'shared');
  const agenda = await b.get('/api/v1/checkin/agenda');
  assert.ok(agenda.text.includes('capybara'));
  assert.equal(agenda.text.includes('quokka'), false);
});

let checkin;

test('joining opens each partner\'s items: Sam starts, Alex\'s held item stays hidden until Alex joins', async () => {
  let r = await b.post('/api/v1/checkin/start', {});
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.started, true);
  assert.equal(r.json.joined, true);
  assert.equal(r.json.partner_joined, false);
  checkin = r.json.id;
  assert.equal(r.text.includes('quokka'), false);
  assert.equal((await b.get(`/api/v1/checkin/items/${held}`)).status, 404);
  const cur = await b.get('/api/v1/checkin/current');
  assert.equal(cur.status, 200);
  assert.equal(cur.text.includes('quokka'), false);
  r = await a.post(`/api/v1/checkin/sessions/${checkin}/join`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 3);
  const g = await b.get(`/api/v1/checkin/items/${held}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.session, checkin);
  r = await b.get('/api/v1/checkin/current');
  assert.equal(r.json.partner_joined, true);
  assert.ok(r.text.includes('quokka'));
});

test('the listener paraphrases, the speaker says whether they felt heard, either notes', async () => {
  let r = await a.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'paraphrase', words: 'me' });
  assert.equal(r.status, 403, r.text);
  r = await b.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'heard', heard: true });
  assert.equal(r.status, 403, r.text);
  r = await b.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'paraphrase', words: '' });
  assert.equal(r.status, 400, r.text);
  r = await b.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'shout', words: 'x' });
  assert.equal(r.status, 400, r.text);
  r = await b.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'paraphrase', words: 'MARKER-PARA-axolotl your evenings' });
  assert.equal(r.status, 201, r.text);
  r = await a.post(`/api/v1/checkin/items/${held}/turns`, { sort: 'heard', heard: true });
  assert.equal(r.status, 201, r.text);
  r = await a.post(`/api/v1/checkin/items/${sams}/turns`, { sort: 'note', words: 'slower Saturdays' });
  assert.equal(r.status, 201, r.text);
  const it = await a.get(`/api/v1/checkin/items/${held}`);
  assert.deepEqual(it.json.turns.map((t) => t.sort), ['paraphrase', 'heard']);
  assert.equal(it.json.turns[1].heard, true);
});

test('agreements: empty is an error that writes nothing, a past follow-up is a warning; due and done', async () => {
  const path = `/api/v1/checkin/sessions/${checkin}/agreements`;
  for (const [body, says] of [
    [{ what: '', who: 'me' }, /cannot be empty/],
    [{ what: '   ', who: 'both' }, /cannot be empty/],
    [{ what: 'x', who: 'nobody' }, /me, partner, both/],
    [{ what: 'x', who: 'x'.repeat(600) }, /The body must be/],
    [{ what: 'x', who: 'me', follow_up: '2027-02-30' }, /YYYY-MM-DD/],
    [{ who: 'me' }, /The body must be/],
  ]) {
    const r = await a.post(path, body);
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, says);
  }
  assert.equal((await a.get('/api/v1/checkin/agreements')).json.agreements.length, 0);
  let r = await a.post(path, { what: 'MARKER-AGREE-pangolin call the plumber', who: 'me', follow_up: '2027-03-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.follow_up_past, true);
  const plumber = r.json.agreement.id;
  r = await b.post(path, { what: 'Walk on Sundays', who: 'both', follow_up: '2027-04-04' });
  assert.equal(r.json.follow_up_past, false);
  assert.equal(r.json.agreement.who_words, 'Both of you');
  r = await b.post(path, { what: 'Mend the gate', who: 'ANA' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.agreement.who_words, 'Ana');
  r = await b.get('/api/v1/checkin/agreements?due=true');
  assert.deepEqual(r.json.agreements.map((x) => x.id), [plumber]);
  assert.equal(r.json.agreements[0].who_words, 'Ana');
  assert.equal((await b.get('/api/v1/checkin/agenda')).json.due[0].who_words, 'Ana');
  assert.equal((await a.get('/api/v1/checkin/agenda')).json.due[0].who_words, 'You');
  assert.equal((await b.get('/api/v1/checkin/agreements?due=maybe')).status, 400);
  // Ana wrote it; Ben, who shares it, marks it done
  r = await b.post(`/api/v1/checkin/agreements/${plumber}/done`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done, true);
  assert.equal((await a.get('/api/v1/checkin/agreements?due=true')).json.agreements.length, 0);
  assert.equal((await b.get('/api/v1/checkin/agreements?due=true')).json.agreements.length, 0);
  r = await a.post(`/api/v1/checkin/sessions/${checkin}/end`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ended, true);
  assert.equal((await a.get('/api/v1/checkin/current')).status, 404);
  assert.equal((await a.post(`/api/v1/checkin/sessions/${checkin}/join`, {})).status, 400);
  r = await b.get('/api/v1/checkin/history');
  assert.equal(r.json.checkins.length, 1);
  assert.equal(r.json.checkins[0].agreements.length, 3);
  assert.deepEqual(r.json.checkins[0].agreements.map((x) => x.who_words), ['Ana', 'Both of you', 'Ana']);
  assert.equal(r.json.checkins[0].items.length, 3);
});

test('who does an agreement is kept as the person, the same for both, and each reads it in their own words', async () => {
  const { json: me } = await a.get('/api/v1/session');
  const ana = me.space.people.find((p) => p.name === 'Ana').id;
  const ben = me.space.people.find((p) => p.name === 'Ben').id;
  const ag = (await a.get('/api/v1/checkin/history')).json.checkins[0].agreements;
  const [plumber, walk, gate] = ag;
  // Ana said "me" about the plumber; Ben named Ana for the gate: both are Ana's
  assert.equal(plumber.who, ana);
  assert.equal(gate.who, ana);
  assert.equal(walk.who, 'both');
  assert.deepEqual(ag.map((x) => [x.who_is, x.who_words]), [['you', 'You'], ['both', 'Both of you'], ['you', 'You']]);
  const seen = (await b.get('/api/v1/checkin/agreements')).json.agreements;
  assert.deepEqual(seen.map((x) => x.who), [ana, 'both', ana], 'the stored form is the same for both');
  assert.deepEqual(seen.map((x) => [x.who_is, x.who_words]), [['partner', 'Ana'], ['both', 'Both of you'], ['partner', 'Ana']]);
  assert.equal(seen.some((x) => x.who === ben), false);
});

test('either partner marks an agreement done with a mark of their own, both see who and when, and each takes back only their own', async () => {
  const { json: started } = await a.post('/api/v1/checkin/start', {});
  const made = await a.post(`/api/v1/checkin/sessions/${started.id}/agreements`, { what: 'Call the vet', who: 'both', follow_up: '2027-03-01' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.agreement.id;
  assert.equal(made.json.agreement.done, false);
  assert.deepEqual(made.json.agreement.done_by, []);
  const due = async (c) => (await c.get('/api/v1/checkin/agreements?due=true')).json.agreements.map((x) => x.id);
  assert.ok((await due(b)).includes(id));
  const anon = new Client(srv.url);
  for (const method of ['POST', 'DELETE']) {
    const r = await anon.req(method, `/api/v1/checkin/agreements/${id}/done`, { body: {} });
    assert.equal(r.status, 401, method);
    assert.equal(r.text.includes('vet'), false);
  }
  assert.ok((await due(a)).includes(id), 'the logged-out changed nothing');
  // Ben marks Ana's agreement done: his own record, hers unchanged
  let r = await b.post(`/api/v1/checkin/agreements/${id}/done`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done, true);
  assert.equal(r.json.version, 1, 'the author\'s record is not edited');
  assert.deepEqual(r.json.done_by.map((m) => [m.name, m.mine]), [['Ben', true]]);
  assert.match(r.json.done_by[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const seen = async (c) => (await c.get('/api/v1/checkin/agreements')).json.agreements.find((x) => x.id === id);
  assert.deepEqual((await seen(a)).done_by.map((m) => [m.name, m.mine]), [['Ben', false]]);
  assert.equal((await seen(a)).done, true);
  assert.equal((await due(a)).includes(id), false);
  // Ana takes back a mark she never made: nothing changes
  r = await a.req('DELETE', `/api/v1/checkin/agreements/${id}/done`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done, true);
  // she marks it too; Ben takes his back: still done, by Ana
  assert.equal((await a.post(`/api/v1/checkin/agreements/${id}/done`, {})).status, 200);
  assert.deepEqual((await seen(b)).done_by.map((m) => m.name), ['Ben', 'Ana']);
  r = await b.req('DELETE', `/api/v1/checkin/agreements/${id}/done`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.done_by.map((m) => [m.name, m.mine]), [['Ana', false]]);
  r = await a.req('DELETE', `/api/v1/checkin/agreements/${id}/done`);
  assert.equal(r.json.done, false);
  assert.ok((await due(b)).includes(id), 'due again for both');
  // the check-in under way shows the same
  assert.equal((await b.get('/api/v1/checkin/current')).json.agreements.find((x) => x.id === id).done, false);
  // what is not an agreement is missing, for both verbs
  for (const method of ['POST', 'DELETE']) {
    for (const bad of [MISSING, started.id, 'nope']) {
      const m = await b.req(method, `/api/v1/checkin/agreements/${bad}/done`, method === 'POST' ? { body: {} } : {});
      assert.equal(m.status, 404, `${method} ${bad}: ${m.text}`);
      assert.ok(isErrorShape(m.json));
    }
  }
  assert.equal((await a.post(`/api/v1/checkin/sessions/${started.id}/end`, {})).status, 200);
});

test('the database file holds no plaintext of agenda items, paraphrases or agreements', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['MARKER', 'quokka', 'capybara', 'wombat', 'axolotl', 'pangolin', 'slower Saturdays', 'Walk on Sundays']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
