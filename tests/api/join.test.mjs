// Joining with an invitation that cannot be used says why, in the same
// words as checking it first: "used", "expired" and an unknown code are
// three different answers from POST /api/v1/join and /api/v1/join/check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, isErrorShape, PASS_A, PASS_B } from './helpers.mjs';

const BOGUS = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH';

/* The answers of /join/check and /join for code, which must agree. */
async function both(url, code) {
  const anon = new Client(url);
  const check = await anon.post('/api/v1/join/check', { code });
  const join = await new Client(url).post('/api/v1/join', { code, name: 'Kim', passphrase: 'kim passphrase 3' });
  assert.ok(isErrorShape(check.json), check.text);
  assert.ok(isErrorShape(join.json), join.text);
  assert.equal(join.status, check.status, `${join.text} / ${check.text}`);
  assert.deepEqual(join.json, check.json);
  return join;
}

test('a used, an expired and an unknown invitation are three different answers, from join as from the check', async () => {
  const s = await startServer({ clock: true });
  try {
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/space', { name: 'Ana', passphrase: PASS_A })).status, 201);
    let inv = await a.post('/api/v1/invites');
    const b = new Client(s.url);
    assert.equal((await b.post('/api/v1/join', { code: inv.json.code, name: 'Ben', passphrase: PASS_B })).status, 201);
    const used = await both(s.url, inv.json.code);
    assert.equal(used.status, 410);
    assert.equal(used.json.error.code, 'used');
    assert.match(used.json.error.message, /already been used/);

    // Ben leaves; Ana's new invitation outlives its week
    assert.equal((await b.post('/api/v1/me/leave', { passphrase: PASS_B })).status, 204);
    inv = await a.post('/api/v1/invites');
    assert.equal(inv.status, 201);
    s.clock.advance(7 * 24 * 3600);
    const expired = await both(s.url, inv.json.code);
    assert.equal(expired.status, 410);
    assert.equal(expired.json.error.code, 'expired');
    assert.match(expired.json.error.message, /expired/);

    const unknown = await both(s.url, BOGUS);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.code, 'auth');

    const messages = new Set([used, expired, unknown].map((r) => r.json.error.message));
    assert.equal(messages.size, 3, [...messages].join(' | '));
    // nobody joined through any of them
    assert.equal((await new Client(s.url).get('/api/v1/setup')).json.members, 1);
  } finally {
    await s.stop();
  }
});
