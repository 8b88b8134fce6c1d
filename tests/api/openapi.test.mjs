// docs/openapi.yaml documents exactly the routes the server has: the same
// (method, path) pairs as the route table in src/web/router.c, and each one
// answers on the running server (not 404/405), while undocumented ones do not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, Client, couple, isErrorShape, PASS_A } from './helpers.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const ANY_ID = '01938a4e-2222-7000-8000-000000000000';

/* The (METHOD path) pairs under `paths:` of the OpenAPI document: paths at
 * two spaces of indent, operations at four. */
function documented() {
  const lines = readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8').split('\n');
  const out = new Set();
  let inPaths = false;
  let path = null;
  for (const line of lines) {
    if (/^\S/.test(line)) {
      inPaths = line.startsWith('paths:');
      continue;
    }
    if (!inPaths) continue;
    let m = /^ {2}(\/\S*):\s*$/.exec(line);
    if (m) { path = m[1]; continue; }
    m = /^ {4}([a-z]+):/.exec(line);
    if (m && path && METHODS.includes(m[1])) out.add(`${m[1].toUpperCase()} ${path}`);
  }
  return out;
}

/* The ROUTE("METHOD", "path", handler, flags) lines of the route table. */
function implemented() {
  const src = readFileSync(join(ROOT, 'src', 'web', 'router.c'), 'utf8');
  const out = new Map();
  for (const m of src.matchAll(/^\s*ROUTE\("([A-Z]+)",\s*"([^"]+)",\s*\w+,\s*([^)]*)\)/gm)) {
    out.set(`${m[1]} ${m[2]}`, m[3]);
  }
  return out;
}

let srv;
let a;
let b;

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
});

test('openapi.yaml and the route table list the same routes', () => {
  const doc = documented();
  const impl = implemented();
  assert.ok(impl.size >= 18, `found ${impl.size} routes in router.c`);
  assert.deepEqual([...doc].sort(), [...impl.keys()].sort());
});

test('routes the table marks as needing a session are documented with the session scheme', () => {
  const text = readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8');
  const publicOps = new Set();
  // operations with `security: []` are public
  let path = null;
  let method = null;
  for (const line of text.split('\n')) {
    let m = /^ {2}(\/\S*):\s*$/.exec(line);
    if (m) { path = m[1]; continue; }
    m = /^ {4}([a-z]+):/.exec(line);
    if (m) { method = m[1].toUpperCase(); continue; }
    if (/^ {6}security: \[\]/.test(line)) publicOps.add(`${method} ${path}`);
  }
  for (const [route, flags] of implemented()) {
    const needsSession = /\bS\b/.test(flags);
    assert.equal(!publicOps.has(route), needsSession, route);
  }
});

test('every documented route answers on the server; session routes say 401 without a session', async () => {
  const anon = new Client(srv.url);
  const impl = implemented();
  for (const route of documented()) {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace('{id}', ANY_ID);
    const needsSession = /\bS\b/.test(impl.get(route) || '');
    const r = await anon.req(method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    assert.notEqual(r.status, 405, route);
    if (needsSession) {
      assert.equal(r.status, 401, route);
    } else {
      assert.ok(r.status < 500, `${route}: ${r.status}`);
      assert.notEqual(r.status, 404, route);
    }
  }
});

test('documented routes reach their handlers with a session (no 404 "nothing here")', async () => {
  const fresh = await a.post('/api/v1/journal', { text: 'probe' });
  assert.equal(fresh.status, 201, fresh.text);
  const pulse = await a.post('/api/v1/pulses', { connection: 5, self: 5 });
  assert.equal(pulse.status, 201, pulse.text);
  const session = await a.post('/api/v1/practice', { practice: 'yoga', seconds: 60 });
  assert.equal(session.status, 201, session.text);
  const reaction = await a.post('/api/v1/reactions', { happened: 'probe', intensity: 1, paused: false });
  assert.equal(reaction.status, 201, reaction.text);
  const taking = await a.post('/api/v1/takings', {});
  assert.equal(taking.status, 201, taking.text);
  const boundary = await a.post('/api/v1/boundaries', { statement: 'probe', form: 'need', area: 'time' });
  assert.equal(boundary.status, 201, boundary.text);
  const goal = await a.post('/api/v1/goals', { statement: 'probe', status: 'active' });
  assert.equal(goal.status, 201, goal.text);
  const noted = await a.post(`/api/v1/goals/${goal.json.id}/notes`, { note: 'probe' });
  assert.equal(noted.status, 201, noted.text);
  const interest = await a.post('/api/v1/interests', { statement: 'probe' });
  assert.equal(interest.status, 201, interest.text);
  const sched = await a.put('/api/v1/checkin/schedule', { frequency: 'weekly', day: 'thu', time: '19:30', zone: 'UTC' });
  assert.equal(sched.status, 200, sched.text);
  const item = await a.post('/api/v1/checkin/items', { topic: 'other', statement: 'probe' });
  assert.equal(item.status, 201, item.text);
  const checkin = await a.post('/api/v1/checkin/start', {});
  assert.ok([200, 201].includes(checkin.status), checkin.text);
  const agreed = await a.post(`/api/v1/checkin/sessions/${checkin.json.id}/agreements`, { what: 'probe', who: 'me' });
  assert.equal(agreed.status, 201, agreed.text);
  // the partner's response to a shared entry, which only they may delete
  const ours = await a.post('/api/v1/journal', { text: 'probe shared', shared: true });
  assert.equal(ours.status, 201, ours.text);
  const response = await b.post(`/api/v1/journal/${ours.json.id}/responses`, { say: 'read' });
  assert.equal(response.status, 201, response.text);
  // each {id} is a record of the route's own kind (a questionnaire's id for instruments)
  const ids = [['/api/v1/checkin/items/', item], ['/api/v1/checkin/sessions/', checkin],
    ['/api/v1/checkin/agreements/', { json: agreed.json.agreement }], ['/api/v1/pulses/', pulse], ['/api/v1/practice/', session], ['/api/v1/reactions/', reaction],
    ['/api/v1/takings/', taking], ['/api/v1/boundaries/', boundary], ['/api/v1/goals/', goal],
    ['/api/v1/interests/', interest], ['/api/v1/responses/', response]];
  const idFor = (p) => (p.startsWith('/api/v1/goal-notes/') ? noted.json.notes[0].id
    : p.startsWith('/api/v1/instruments/') ? 'dyad-differentiation-check'
      : p.startsWith('/api/v1/questions/') ? 'goals-01'
      : (ids.find(([prefix]) => p.startsWith(prefix)) || [null, fresh])[1].json.id);
  // A session of its own for logging out; leaving and changing the
  // passphrase get a wrong passphrase, which only their handlers refuse (401).
  const other = new Client(srv.url);
  assert.equal((await other.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
  const special = {
    'DELETE /api/v1/session': { client: other, status: 204 },
    'DELETE /api/v1/responses/{id}': { client: b, status: 204 },
    'POST /api/v1/me/leave': { body: { passphrase: 'not the passphrase' }, status: 401 },
    'POST /api/v1/me/passphrase': { body: { current: 'not the passphrase', new: 'another passphrase' }, status: 401 },
  };
  // deletions last, so the probe entry is there for the others
  const routes = [...documented()].sort((x, y) => x.startsWith('DELETE') - y.startsWith('DELETE'));
  for (const route of routes) {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace('{id}', idFor(pattern));
    const how = special[route] || { body: method === 'GET' || method === 'DELETE' ? undefined : { text: 'probe 2' } };
    const r = await (how.client || a).req(method, path, { body: how.body });
    assert.ok(r.status < 500, `${route}: ${r.status} ${r.text}`);
    assert.ok(![404, 405].includes(r.status), `${route}: ${r.status} ${r.text}`);
    if (how.status !== undefined) assert.equal(r.status, how.status, `${route}: ${r.text}`);
  }
  assert.equal((await a.get('/api/v1/session')).status, 200, 'the main session is still there');
});

test('undocumented API paths are 404 and undocumented methods 405', async () => {
  const anon = new Client(srv.url);
  for (const path of ['/api/v1/nope', '/api/v1/journal/x/y', '/api/v2/journal', '/api/v1/journals', '/api/v1/', '/api/v1/me', `/api/v1/journal/${ANY_ID}/share/x`]) {
    const r = await anon.get(path);
    assert.equal(r.status, 404, path);
    assert.ok(isErrorShape(r.json), path);
  }
  const doc = documented();
  const paths = new Set([...doc].map((r) => r.split(' ')[1]));
  for (const p of paths) {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      if (doc.has(`${m} ${p}`)) continue;
      const r = await anon.req(m, p.replace('{id}', ANY_ID));
      assert.equal(r.status, 405, `${m} ${p}`);
      assert.ok(r.headers.get('allow'), `${m} ${p} has Allow`);
    }
  }
});
