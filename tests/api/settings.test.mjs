// A person's own settings over HTTP: the time zone. The browser's zone is
// kept at sign-up and log-in when the person has none (a zone this server
// does not know is let go); GET/PUT /api/v1/me/settings show and change it,
// refuse what is not a zone and change nothing then; it is each person's
// own; and the statistics count days in it unless ?tz= says otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, isErrorShape, Client, couple, PASS_A, PASS_B } from './helpers.mjs';

// Wed 2026-03-04 12:00 UTC
const NOW = Date.UTC(2026, 2, 4, 12) / 1000;

let srv;
let a;
let b;

before(async () => {
  srv = await startServer({ clock: true, env: { TZ: 'UTC' } });
  srv.clock.set(NOW);
  ({ a, b } = await couple(srv.url));
});

/* Each test starts from zones it sets itself. */
async function zones(za, zb) {
  assert.equal((await a.put('/api/v1/me/settings', { zone: za })).status, 200);
  assert.equal((await b.put('/api/v1/me/settings', { zone: zb })).status, 200);
}

after(async () => {
  await srv.stop();
});

test('the zone sent at sign-up is kept; an unknown one is let go and a malformed one refused', async () => {
  const srv2 = await startServer({ env: { TZ: 'UTC' } });
  try {
    await signUp(srv2);
  } finally {
    await srv2.stop();
  }
});

async function signUp(srv) {
  const a = new Client(srv.url);
  const b = new Client(srv.url);
  let r = await a.post('/api/v1/space', { name: 'Ana', passphrase: 'ana passphrase 1', zone: 'Asia/Tokyo' });
  assert.equal(r.status, 201, r.text);
  r = await a.get('/api/v1/me/settings');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.zone, 'Asia/Tokyo');
  assert.equal((await a.get('/api/v1/session')).json.zone, 'Asia/Tokyo');

  const inv = await a.post('/api/v1/invites');
  assert.equal(inv.status, 201, inv.text);
  // too long for a zone: refused before anything is made
  r = await b.post('/api/v1/join', { code: inv.json.code, name: 'Ben', passphrase: 'ben passphrase 2', zone: 'x'.repeat(65) });
  assert.equal(r.status, 400, r.text);
  assert.ok(isErrorShape(r.json));
  assert.equal((await new Client(srv.url).get('/api/v1/setup')).json.members, 1);
  // a zone this server does not know: the person joins without one
  r = await b.post('/api/v1/join', { code: inv.json.code, name: 'Ben', passphrase: 'ben passphrase 2', zone: 'Mars/Olympus' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await b.get('/api/v1/me/settings')).json.zone, null);
  assert.equal((await b.get('/api/v1/session')).json.zone, null);
}

test('a log-in keeps the browser\'s zone only when the person has none', async () => {
  await zones('Asia/Tokyo', '');
  const b2 = new Client(srv.url);
  let r = await b2.post('/api/v1/session', { name: 'Ben', passphrase: PASS_B, zone: 'Europe/Berlin' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.zone, 'Europe/Berlin');
  const a2 = new Client(srv.url);
  r = await a2.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A, zone: 'America/New_York' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.zone, 'Asia/Tokyo', 'a chosen zone is not replaced by a browser\'s');
  r = await a2.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A, zone: 'no such/zone!' });
  assert.equal(r.status, 200, 'a log-in never fails for its zone hint');
  assert.equal(r.json.zone, 'Asia/Tokyo');
});

test('a person changes their zone; what is not a zone is refused and changes nothing', async () => {
  await zones('', '');
  let r = await b.put('/api/v1/me/settings', { zone: 'America/Los_Angeles' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.zone, 'America/Los_Angeles');
  for (const bad of ['Mars/Olympus', '../../etc/passwd', 'Europe//Paris', '/etc/localtime', 'x'.repeat(65), 'UTC\u0000x']) {
    r = await b.put('/api/v1/me/settings', { zone: bad });
    assert.equal(r.status, 400, bad);
    assert.ok(isErrorShape(r.json));
    if (!bad.includes('\u0000')) assert.match(r.json.error.message, /time zone|zone/);
  }
  r = await b.put('/api/v1/me/settings', { zone: 42 });
  assert.equal(r.status, 400);
  assert.equal((await b.get('/api/v1/me/settings')).json.zone, 'America/Los_Angeles');
  // empty: none chosen (the browser's again)
  r = await b.put('/api/v1/me/settings', { zone: '' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.zone, null);
  r = await b.put('/api/v1/me/settings', { zone: 'Europe/Berlin' });
  assert.equal(r.json.zone, 'Europe/Berlin');
});

test('each person\'s zone is their own; the logged-out and a forged request change nothing', async () => {
  await zones('Asia/Tokyo', 'Europe/Berlin');
  assert.equal((await a.get('/api/v1/me/settings')).json.zone, 'Asia/Tokyo');
  assert.equal((await b.get('/api/v1/me/settings')).json.zone, 'Europe/Berlin');
  const out = new Client(srv.url);
  assert.equal((await out.get('/api/v1/me/settings')).status, 401);
  assert.equal((await out.put('/api/v1/me/settings', { zone: 'UTC' })).status, 401);
  assert.equal((await a.put('/api/v1/me/settings', { zone: 'UTC' }, { csrf: false })).status, 403);
  assert.equal((await a.get('/api/v1/me/settings')).json.zone, 'Asia/Tokyo');
  // the partner's session says nothing of mine
  const s = await b.get('/api/v1/session');
  assert.equal(s.json.zone, 'Europe/Berlin');
  assert.ok(!JSON.stringify(s.json.partner).includes('Tokyo'));
});

test('statistics count days in the person\'s zone; ?tz= overrides it', async () => {
  await zones('Asia/Tokyo', '');
  // 23:30 in Tokyo (14:30 UTC) on Mar 1, 2 and 3: in Tokyo Sunday, Monday,
  // Tuesday; in UTC, Los Angeles the same dates but the week differs
  for (const d of [1, 2, 3]) {
    const at = Date.UTC(2026, 2, d, 14, 30) / 1000;
    assert.equal((await a.post('/api/v1/practice', { practice: 'yoga', seconds: 600, at })).status, 201);
  }
  // 16:00 UTC Mar 3 is 01:00 Mar 4 in Tokyo: a fourth local day there only
  assert.equal((await a.post('/api/v1/practice', { practice: 'yoga', seconds: 600, at: Date.UTC(2026, 2, 3, 16) / 1000 })).status, 201);
  const mine = await a.get('/api/v1/stats/practice');
  assert.equal(mine.status, 200, mine.text);
  const tokyo = await a.get('/api/v1/stats/practice?tz=Asia/Tokyo');
  const utc = await a.get('/api/v1/stats/practice?tz=UTC');
  assert.deepEqual(mine.json.week, tokyo.json.week);
  assert.equal(mine.json.week.days, 3, 'Mon, Tue, Wed in Tokyo');
  assert.equal(mine.json.streak.current, 4);
  assert.equal(utc.json.week.days, 2, 'Mon and Tue in UTC');
  assert.equal(utc.json.streak.current, 3);
  // with no zone of their own, the server's (UTC here)
  assert.equal((await a.put('/api/v1/me/settings', { zone: '' })).status, 200);
  assert.deepEqual((await a.get('/api/v1/stats/practice')).json.week, utc.json.week);
  const rs = await a.get('/api/v1/stats/reactions');
  assert.equal(rs.status, 200, rs.text);
  assert.equal((await a.get('/api/v1/stats/reactions?tz=Mars/Olympus')).status, 400);
  assert.equal((await a.put('/api/v1/me/settings', { zone: 'Asia/Tokyo' })).status, 200);
});

test('colours: chosen at sign-up and join, changed in settings, never the partner\'s, never inherited', async () => {
  const s = await startServer({ env: { TZ: 'UTC' } });
  try {
    const maya = new Client(s.url);
    // an unknown colour is refused before anything is made
    let r = await maya.post('/api/v1/space', { name: 'Maya', passphrase: PASS_A, colour: 'purple' });
    assert.equal(r.status, 400, r.text);
    assert.equal((await new Client(s.url).get('/api/v1/setup')).json.space, false);
    r = await maya.post('/api/v1/space', { name: 'Maya', passphrase: PASS_A, colour: 'blue' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.me.colour, 'blue');
    let inv = await maya.post('/api/v1/invites');
    const sam = new Client(s.url);
    // asking for the partner's colour gets the first free one instead
    r = await sam.post('/api/v1/join', { code: inv.json.code, name: 'Sam', passphrase: PASS_B, colour: 'blue' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.me.colour, 'teal');
    r = await sam.put('/api/v1/me/settings', { colour: 'amber' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.colour, 'amber');
    // the partner sees it
    const seen = await maya.get('/api/v1/session');
    assert.equal(seen.json.me.colour, 'blue');
    assert.equal(seen.json.partner.colour, 'amber');
    // the partner's colour, or one that is not in the palette: refused, nothing changes
    r = await maya.put('/api/v1/me/settings', { colour: 'amber' });
    assert.equal(r.status, 409, r.text);
    assert.ok(isErrorShape(r.json));
    assert.match(r.json.error.message, /Sam/);
    for (const bad of ['purple', '', 'Blue', 7]) {
      r = await maya.put('/api/v1/me/settings', { colour: bad, zone: 'Asia/Tokyo' });
      assert.equal(r.status, 400, String(bad));
    }
    assert.deepEqual((await maya.get('/api/v1/me/settings')).json, { zone: null, colour: 'blue', pulse_day: 'monday', check_every: 3 });
    assert.equal((await new Client(s.url).put('/api/v1/me/settings', { colour: 'green' })).status, 401);
    assert.equal((await maya.put('/api/v1/me/settings', { colour: 'green' }, { csrf: false })).status, 403);

    // Sam (amber) leaves; Jordan joins without choosing: the default, not Sam's
    assert.equal((await sam.post('/api/v1/me/leave', { passphrase: PASS_B })).status, 204);
    inv = await maya.post('/api/v1/invites');
    const jordan = new Client(s.url);
    r = await jordan.post('/api/v1/join', { code: inv.json.code, name: 'Jordan', passphrase: 'jordan passphrase 5' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.me.colour, 'teal');
    assert.equal((await maya.get('/api/v1/session')).json.partner.colour, 'teal');
  } finally {
    await s.stop();
  }
});
