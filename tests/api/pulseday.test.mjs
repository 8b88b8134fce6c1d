// The pulse day and the check interval over HTTP: GET/PUT /api/v1/me/settings
// show and change them (Monday and 3 months until chosen); this week's
// pulse (GET /api/v1/balance/week, the light answer Today reads, and the
// week of GET /api/v1/balance) starts on the chosen day; moving the day
// neither asks again for a pulse given nor forgets one owed; results
// suggest the next taking at the chosen interval; bad values are 400 and
// change nothing; each person's are their own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, Client, couple, isErrorShape } from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECK = JSON.parse(readFileSync(join(ROOT, 'data', 'instruments', 'differentiation-check.json'), 'utf8'));
const MONTH = 2629746;

// noon UTC of a day of November or December 2026
const noon = (month, day) => Date.UTC(2026, month - 1, day, 12) / 1000;

describe('the pulse day and the check interval', () => {
  let srv, a, b;

  before(async () => {
    srv = await startServer({ clock: true, env: { TZ: 'UTC' } });
    srv.clock.set(noon(11, 16));
    ({ a, b } = await couple(srv.url));
  });

  after(async () => {
    await srv.stop();
  });

  const week = async (c) => {
    const r = await c.get('/api/v1/balance/week?tz=UTC');
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const pulse = async (c) => {
    const r = await c.post('/api/v1/pulses', { connection: 6, self: 6 });
    assert.equal(r.status, 201, r.text);
  };

  test('Monday and three months until chosen; each person\'s own', async () => {
    let r = await a.get('/api/v1/me/settings');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.pulse_day, 'monday');
    assert.equal(r.json.check_every, 3);
    r = await a.put('/api/v1/me/settings', { pulse_day: 'Thu', check_every: 6 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.pulse_day, 'thursday');
    assert.equal(r.json.check_every, 6);
    r = await b.get('/api/v1/me/settings');
    assert.equal(r.json.pulse_day, 'monday', 'Ana\'s day is not Ben\'s');
    assert.equal(r.json.check_every, 3);
    // Ben's change is his own
    assert.equal((await b.put('/api/v1/me/settings', { pulse_day: 'sunday' })).status, 200);
    assert.equal((await a.get('/api/v1/me/settings')).json.pulse_day, 'thursday');
    assert.equal((await b.put('/api/v1/me/settings', { pulse_day: 'monday' })).status, 200);
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'monday', check_every: 3 })).status, 200);
  });

  test('bad days and intervals are 400 in the error shape and change nothing', async () => {
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'friday', check_every: 2, colour: 'teal' })).status, 200);
    const bad = [
      [{ pulse_day: 'funday' }, /pulse_day must be a weekday/],
      [{ pulse_day: '' }, /pulse_day must be a weekday/],
      [{ pulse_day: 'th' }, /pulse_day must be a weekday/],
      [{ pulse_day: 4 }, /pulse_day/],
      [{ pulse_day: 'x'.repeat(17) }, /pulse_day/],
      [{ check_every: 0 }, /check_every must be a whole number of months from 1 to 12/],
      [{ check_every: 13 }, /check_every must be a whole number of months from 1 to 12/],
      [{ check_every: -1 }, /check_every/],
      [{ check_every: 2.5 }, /check_every/],
      [{ check_every: '3' }, /check_every/],
      [{ check_every: null }, /check_every/],
      [{ check_every: true }, /check_every/],
      // a good change beside a bad one is not made either
      [{ colour: 'violet', pulse_day: 'sunday', check_every: 99 }, /check_every/],
      [{ colour: 'violet', zone: 'Asia/Tokyo', pulse_day: 'noday' }, /pulse_day/],
    ];
    for (const [body, words] of bad) {
      const r = await a.put('/api/v1/me/settings', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.ok(isErrorShape(r.json), r.text);
      assert.match(r.json.error.message, words, JSON.stringify(body));
    }
    const tz = await a.req('PUT', '/api/v1/me/settings?tz=Not/AZone', { body: { pulse_day: 'sunday', colour: 'violet' } });
    assert.equal(tz.status, 400, tz.text);
    const r = await a.get('/api/v1/me/settings');
    assert.deepEqual(r.json, { zone: null, colour: 'teal', pulse_day: 'friday', check_every: 2 });
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'monday', check_every: 3 })).status, 200);
  });

  test('this week starts on my pulse day, in the light answer and the balance alike', async () => {
    srv.clock.set(noon(11, 18)); // a Wednesday
    let w = await week(a);
    assert.deepEqual(w, { from: '2026-11-16', given: false, day: 'monday' });
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'thursday' })).status, 200);
    w = await week(a);
    assert.deepEqual(w, { from: '2026-11-12', given: false, day: 'thursday' });
    assert.deepEqual((await a.get('/api/v1/balance?tz=UTC')).json.week, w);
    srv.clock.set(noon(11, 19)); // Thursday: a new week
    await pulse(a);
    w = await week(a);
    assert.deepEqual(w, { from: '2026-11-19', given: true, day: 'thursday' });
    assert.deepEqual((await a.get('/api/v1/balance?tz=UTC')).json.week, w);
    // Ben's week is his own: Monday's, no pulse
    assert.deepEqual(await week(b), { from: '2026-11-16', given: false, day: 'monday' });
    // the light answer carries the week only, never the map
    const light = await a.get('/api/v1/balance/week');
    assert.equal(light.status, 200, light.text);
    assert.deepEqual(Object.keys(light.json).sort(), ['day', 'from', 'given']);
    assert.ok(!light.text.includes('<svg'));
    assert.equal((await a.get('/api/v1/balance/week?tz=Not/AZone')).status, 400);
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'monday' })).status, 200);
  });

  test('moving the day keeps a given pulse given and an owed one owed', async () => {
    // Ben gives a pulse on Sunday the 22nd (his Monday week of the 16th)
    srv.clock.set(noon(11, 22));
    await pulse(b);
    // Ana gives hers on Monday the 23rd
    srv.clock.set(noon(11, 23));
    await pulse(a);
    assert.equal((await week(a)).given, true);
    // on Thursday Ana moves her day to Thursday: that week is given
    srv.clock.set(noon(11, 26));
    assert.equal((await a.put('/api/v1/me/settings', { pulse_day: 'thursday' })).status, 200);
    assert.deepEqual(await week(a), { from: '2026-11-26', given: true, day: 'thursday' });
    srv.clock.set(noon(12, 2)); // Wednesday, the week's last day
    assert.equal((await week(a)).given, true);
    srv.clock.set(noon(12, 3)); // the next Thursday asks again
    assert.deepEqual(await week(a), { from: '2026-12-03', given: false, day: 'thursday' });
    // Ben owes the week of Monday the 23rd; moving to Saturday on Saturday
    // the 28th does not forget it
    srv.clock.set(noon(11, 28));
    assert.equal((await week(b)).given, false);
    assert.equal((await b.put('/api/v1/me/settings', { pulse_day: 'sat' })).status, 200);
    assert.deepEqual(await week(b), { from: '2026-11-28', given: false, day: 'saturday' });
    await pulse(b);
    assert.equal((await week(b)).given, true);
    // the same day again moves nothing
    assert.equal((await b.put('/api/v1/me/settings', { pulse_day: 'saturday' })).status, 200);
    assert.equal((await week(b)).given, true);
  });

  test('results suggest the next taking at my interval', async () => {
    srv.clock.set(noon(12, 5));
    const s = await a.post('/api/v1/takings', { instrument: CHECK.id });
    assert.ok(s.status === 201 || s.status === 200, s.text);
    for (let i = 0; i < s.json.items; i++) {
      const r = await a.post(`/api/v1/takings/${s.json.id}/answers`, { item: i, value: CHECK.scale.min });
      assert.equal(r.status, 200, r.text);
    }
    assert.equal((await a.post(`/api/v1/takings/${s.json.id}/finish`)).status, 201);
    const due = async () => (await a.get('/api/v1/results')).json.due;
    let d = await due();
    assert.equal(d.every_months, 3);
    assert.equal(d.due, false);
    assert.equal(Date.parse(d.next_at) - Date.parse(d.last_at), 3 * MONTH * 1000);
    assert.equal((await a.put('/api/v1/me/settings', { check_every: 1 })).status, 200);
    d = await due();
    assert.equal(d.every_months, 1);
    assert.equal(Date.parse(d.next_at) - Date.parse(d.last_at), MONTH * 1000);
    // half-way first: a month is longer than a session idles (30 days)
    srv.clock.set(noon(12, 5) + MONTH / 2);
    assert.equal((await due()).due, false);
    assert.equal((await b.get('/api/v1/me/settings')).status, 200);
    srv.clock.set(noon(12, 5) + MONTH);
    assert.equal((await due()).due, true, 'a month on, the check is suggested');
    assert.equal((await a.put('/api/v1/me/settings', { check_every: 12 })).status, 200);
    assert.equal((await due()).due, false, 'at twelve months it is not yet');
    // Ben's interval did not move with Ana's
    assert.equal((await b.get('/api/v1/results')).json.due.every_months, 3);
  });

  test('the logged-out get 401 and a forged request changes nothing', async () => {
    const anon = new Client(srv.url);
    assert.equal((await anon.get('/api/v1/balance/week')).status, 401);
    assert.equal((await anon.put('/api/v1/me/settings', { pulse_day: 'sunday' })).status, 401);
    const before = (await a.get('/api/v1/me/settings')).json;
    const r = await a.put('/api/v1/me/settings', { pulse_day: 'sunday', check_every: 5 }, { csrf: false });
    assert.equal(r.status, 403);
    assert.deepEqual((await a.get('/api/v1/me/settings')).json, before);
  });
});
