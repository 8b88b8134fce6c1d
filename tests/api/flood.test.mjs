// The must-hold of issue #7: a login flood of 64 connections from 64
// client addresses for 10 s leaves /healthz answering everyone else at a
// median under 50 ms and never over 1 s, and the server's memory is back
// under 40 MiB within 10 s after it.
//
// The whole of 127.0.0.0/8 is loopback on Linux: each flooding connection
// binds its own source address (127.0.1.x), the prober another (127.0.0.2).
// The flood runs in a worker thread, so that the prober's timings are not
// the flood's event loop. Every login derives a key (an unknown name costs
// the same as a known one), which is what a flood of logins is meant to
// wear out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BIN, startServer, Client } from './helpers.mjs';

const FLOOD_MS = 10000;
const CONNECTIONS = 64;

// A sanitizer build (make asan) runs several times slower: its time
// bounds are four times the issue's. Its allocator keeps freed memory in
// quarantine, which no real server does: it is told to keep little and to
// give memory back as glibc does, and is then held to the same 40 MiB.
// The release build is held to the issue's figures exactly.
const SANITIZED = readFileSync(BIN).includes('libasan.so');
const SLOW = SANITIZED ? 4 : 1;
const ASAN_ENV = SANITIZED
  ? { ASAN_OPTIONS: `${process.env.ASAN_OPTIONS ? `${process.env.ASAN_OPTIONS}:` : ''}quarantine_size_mb=1:allocator_release_to_os_interval_ms=100` }
  : {};

// The flood: CONNECTIONS loops, one per source address, each posting
// logins back to back, each on a new connection, until the end.
const FLOOD = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { port, connections, ms } = workerData;
const end = Date.now() + ms;
const counts = {};
function post(agent, localAddress, i) {
  return new Promise((ok) => {
    const body = JSON.stringify({ name: 'stranger ' + Math.random().toString(36).slice(2, 10), passphrase: 'guess ' + Math.random() });
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/session', agent, localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ok(String(res.statusCode)));
    });
    req.on('error', (e) => ok(e.code || 'error'));
    req.end(body);
  });
}
async function loop(i) {
  const agent = false; // a new connection each time, as the attack in the issue
  const localAddress = '127.0.1.' + (i + 1);
  let n = 0;
  while (Date.now() < end) {
    const what = await post(agent, localAddress, n++);
    counts[what] = (counts[what] || 0) + 1;
  }
}
Promise.all(Array.from({ length: connections }, (_, i) => loop(i))).then(() => parentPort.postMessage(counts));
`;

function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]);
}

// GET /healthz on a new connection from 127.0.0.2; resolves milliseconds.
function probe(port) {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false, localAddress: '127.0.0.2' }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok(performance.now() - t0) : fail(new Error(`/healthz ${res.statusCode}`))));
    });
    req.setTimeout(5000, () => req.destroy(new Error('/healthz: no answer in 5 s')));
    req.on('error', fail);
    req.end();
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

test('a 10 s flood of logins from 64 addresses: /healthz median under 50 ms, none over 1 s; memory under 40 MiB within 10 s after', async () => {
  const s = await startServer({ env: ASAN_ENV });
  try {
    // an account, so that the server has done real work before
    const c = new Client(s.url);
    assert.equal((await c.post('/api/v1/space', { name: 'Host', passphrase: 'host passphrase' })).status, 201);
    const { port } = new URL(s.url);
    const before = rssKiB(s.proc.pid);
    const memoryBound = 40 * 1024;
    const worker = new Worker(FLOOD, { eval: true, workerData: { port: Number(port), connections: CONNECTIONS, ms: FLOOD_MS } });
    const flood = new Promise((ok, fail) => { worker.on('message', ok); worker.on('error', fail); });
    let flooding = true;
    flood.finally(() => { flooding = false; });
    const times = [];
    let peak = 0;
    // a probe every 100 ms while the flood lasts
    while (flooding) {
      const wait = new Promise((ok) => setTimeout(ok, 100));
      times.push(await probe(port));
      peak = Math.max(peak, rssKiB(s.proc.pid));
      await wait;
    }
    const counts = await flood;
    await worker.terminate();
    const attempts = Object.values(counts).reduce((a, b) => a + b, 0);
    const med = median(times);
    const max = Math.max(...times);
    const detail = `${times.length} probes, median ${med.toFixed(1)} ms, max ${max.toFixed(1)} ms; ` +
      `attempts ${JSON.stringify(counts)}; peak RSS ${(peak / 1024).toFixed(1)} MiB`;
    assert.ok(times.length >= 20, detail);
    assert.ok(med < 50 * SLOW, detail);
    assert.ok(max < 1000 * SLOW, detail);
    // the flood was a flood: thousands of attempts, most turned away at once
    assert.ok(attempts > 500, `only ${attempts} attempts: ${detail}`);
    assert.ok((counts['503'] || 0) > attempts / 2, `503s: ${detail}`);
    assert.ok((counts['401'] || 0) > 0, `some logins were tried: ${detail}`);
    // memory: back under 40 MiB within 10 s
    const t0 = Date.now();
    let rss = rssKiB(s.proc.pid);
    while (rss >= memoryBound && Date.now() - t0 < 10000) {
      await new Promise((ok) => setTimeout(ok, 250));
      rss = rssKiB(s.proc.pid);
    }
    const mem = `RSS ${(before / 1024).toFixed(1)} MiB before, ${(rss / 1024).toFixed(1)} MiB after`;
    assert.ok(rss < memoryBound, `${mem} (bound ${(memoryBound / 1024).toFixed(1)} MiB); ${detail}`);
    console.log(`# flood${SANITIZED ? ' (sanitizer build: time bounds x4)' : ''}: ${detail}; ${mem}`);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
