// Throws a few thousand random and malformed requests at every endpoint — methods, paths,
// headers, tokens and bodies, seeded so a failure can be replayed — and checks that the server
// never answers 5xx, never stops, always sends its security headers, and writes nothing.
import { request } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousehold } from './sync/test-mutations';
import { encodePush, PUSH_WIRE_VERSIONS } from '../domain/push-wire';
import { startTestServer, type TestServer } from './accounts/test-server';
import { seededRandom as seeded } from '../../tests/support/random';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const REQUESTS = 3000;
const V2_REQUESTS = 300;

const ENDPOINTS: [string, string][] = [
  ['GET', '/api/health'],
  ['POST', '/api/auth/sign-in'],
  ['GET', '/api/auth/me'],
  ['POST', '/api/auth/sign-out'],
  ['GET', '/api/areas'],
  ['POST', '/api/areas/hamlets'],
  ['PATCH', '/api/areas/hamlets/DEMO-T1'],
  ['GET', '/api/devices'],
  ['POST', '/api/devices/some-device/revoke'],
  ['GET', '/api/province/coverage'],
  ['POST', '/api/sync/push'],
  ['GET', '/api/sync/pull'],
  ['GET', '/'],
  ['GET', '/assets/x.js'],
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const KEYS = ['mutations', 'id', 'entity', 'entityId', 'op', 'fields', 'communeCode', 'hamletCode', 'username', 'password', 'deviceName', 'code', '__proto__', 'constructor'];
/** The keys of a version 2 or 3 push (push-wire.ts). */
const WIRE_KEYS = ['v', 'device', 'shapes', 'mutations', 'h', 'p', 'i', 's', 'm', 'commune', 'hamlet', 'household', 'op', 'f', 'c', 'a', '__proto__'];

type Answer = { status: number; headers: Record<string, string | string[] | undefined> };

describe('fuzzing every endpoint', () => {
  let server: TestServer;
  const tokens: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    // Valid tokens of roles that cannot write with a malformed body, and one revoked token.
    for (const username of ['demo.member', 'demo.member1', 'demo.province', 'demo.admin']) tokens.push((await server.signIn(username)).token);
    const revoked = await server.signIn('demo.member');
    await server.call('POST', '/api/auth/sign-out', revoked.token);
    tokens.push(revoked.token);
  });
  afterAll(async () => {
    await server.close();
  });

  it(`answers ${REQUESTS} random requests without a 5xx, a crash or a write (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const random = seeded(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const int = (max: number) => Math.floor(random() * max);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
    const junkText = (n: number) => Array.from({ length: n }, () => String.fromCharCode(int(0x3000))).join('');

    const json = (depth: number): unknown => {
      const kind = int(depth > 4 ? 5 : 8);
      if (kind === 0) return null;
      if (kind === 1) return random() < 0.5;
      if (kind === 2) return pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER]);
      if (kind === 3) return junkText(int(40));
      if (kind === 4) return pick(['', 'DEMO-XA', 'DEMO-T1', 'household', 'person', 'upsert', 'delete', 'demo.member', 'x'.repeat(300)]);
      if (kind === 5) return Array.from({ length: int(6) }, () => json(depth + 1));
      return Object.fromEntries(Array.from({ length: int(6) }, () => [pick(KEYS), json(depth + 1)]));
    };

    const body = (target: string): Buffer | undefined => {
      switch (target.startsWith('/api/auth/sign-in') && random() < 0.6 ? 5 : int(9)) {
        case 0:
          return undefined;
        case 1:
          return bytes(int(2000));
        case 2:
          return Buffer.from(JSON.stringify(json(0)));
        case 3:
          return Buffer.from(JSON.stringify({ mutations: Array.from({ length: int(4) }, () => json(1)) }));
        case 4: {
          // A real push with one field broken, so the whole request is refused.
          const m: Record<string, unknown> = { ...createHousehold(`m-fuzz-${int(1e9)}`, `ho-fuzz-${int(1e9)}`) };
          m[pick(['entity', 'op', 'stamp', 'fields', 'id'])] = pick([42, null, [], 'pet', {}]);
          return Buffer.from(JSON.stringify({ mutations: [m] }));
        }
        case 5:
          return Buffer.from(
            JSON.stringify({ username: pick(['demo.lead', 'demo.member', 'no.such.user', junkText(int(50))]), password: junkText(1 + int(300)), deviceName: junkText(int(100)) }),
          );
        case 6:
          return Buffer.from('{"mutations": [' + '['.repeat(5000));
        case 7:
          return gzipSync(bytes(int(500)));
        default:
          return Buffer.from(JSON.stringify('x'.repeat(int(40_000))));
      }
    };

    const authorization = (): string | undefined => {
      switch (int(8)) {
        case 0:
          return undefined;
        case 1:
          return `Bearer ${pick(tokens)}`;
        case 2:
          return `Bearer ${pick(tokens)}${pick(['x', ' ', '=', '\t'])}`;
        case 3:
          return `Bearer ${bytes(32).toString('base64url')}`;
        case 4:
          return pick(['Bearer', 'Bearer ', 'Basic abc', 'bearer ngo-so-demo', `Bearer ${'A'.repeat(5000)}`]);
        case 5:
          return `Bearer ${bytes(int(60)).toString('latin1').replace(/[\r\n]/g, '')}`;
        default:
          return `Bearer ${pick(tokens)}`;
      }
    };

    const path = (): [string, string] => {
      const [method, base] = pick(ENDPOINTS);
      const query = pick(['', '?cursor=%%%', '?limit=-1', '?limit=99999999999', `?cursor=${bytes(20).toString('base64url')}`, '?commune=XB', '?province=DEMO', '?province=%00', `?${junkText(10)}`]);
      const tail = pick(['', '', '', '', '', '', '/', '/..', '/%2e%2e/%2e%2e', `/${encodeURIComponent(junkText(5))}`]);
      return [random() < 0.8 ? method : pick(METHODS), `${base}${tail}${query}`];
    };

    const send = (method: string, target: string, headers: Record<string, string>, payload: Buffer | undefined): Promise<Answer> =>
      new Promise((done, fail) => {
        const req = request(server.url('/'), { method, path: target, headers }, (res) => {
          res.resume();
          res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers }));
        });
        req.on('error', fail);
        if (payload !== undefined && method !== 'GET' && method !== 'HEAD') req.end(payload);
        else req.end();
      });

    const before = server.rowCounts();
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const [method, target] = path();
      const payload = body(target);
      const headers: Record<string, string> = {};
      const auth = authorization();
      if (auth !== undefined) headers.authorization = auth;
      if (random() < 0.3) headers['content-type'] = pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', junkText(5).replace(/[^\x20-\x7e]/g, 'a')]);
      if (random() < 0.2) headers['content-encoding'] = pick(['gzip', 'br', 'identity', 'gzip, gzip', 'x']);
      if (random() < 0.2) headers['x-device-id'] = pick(['', 'phone', 'x'.repeat(200)]);
      if (random() < 0.2) headers['x-user'] = pick(['', '%E0%A4%A', 'Ch%E1%BB%8B%20Lan', 'y'.repeat(300)]);
      if (random() < 0.1) headers['content-length'] = pick(['99999999999', '-1', 'abc']);
      let answer: Answer;
      try {
        answer = await send(method, target, headers, headers['content-length'] === undefined ? payload : undefined);
      } catch {
        // A request node's own HTTP parser refused (a lying Content-Length): the socket closes.
        continue;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, `${method} ${target}`).toBeLessThan(500);
      if (answer.status !== 400 || answer.headers['content-security-policy'] !== undefined) {
        expect(answer.headers['content-security-policy'], `${method} ${target}`).toContain("default-src 'self'");
      }
    }

    // Version 2 and 3 pushes (push-wire.ts) that cannot be read, from a member who may write: real
    // ones with one part broken (version 3's own parts too, and in a version 2 body), and random
    // values under its keys. Apart, with their own generator, so the requests above stay those of the seed.
    const v2random = seeded(SEED + 2);
    const v2pick = <T>(list: readonly T[]): T => list[Math.floor(v2random() * list.length)] as T;
    const v2int = (max: number) => Math.floor(v2random() * max);
    const memberToken = tokens[0] ?? '';
    for (let i = 0; i < V2_REQUESTS; i++) {
      const version = v2pick(PUSH_WIRE_VERSIONS);
      const wire = encodePush([createHousehold(`m-fuzz2-${i}`, `ho-fuzz2-${i}`), createHousehold(`m-fuzz2b-${i}`, `ho-fuzz2b-${i}`)], { version });
      const [first, second] = wire.mutations;
      const junk = () => v2pick([42, null, [], {}, 'x', 1.5, -1, [99], [['nobody', 'name']], 'x'.repeat(300)]);
      const body =
        v2int(3) === 0
          ? { v: version, ...Object.fromEntries(Array.from({ length: v2int(5) }, () => [v2pick(WIRE_KEYS), junk()])), mutations: Array.from({ length: v2int(4) }, () => Object.fromEntries(Array.from({ length: v2int(6) }, () => [v2pick(WIRE_KEYS), junk()]))) }
          : {
              ...wire,
              ...v2pick([
                { v: v2pick([4, '2', '3', null]) },
                { shapes: [['a', 'a']] },
                { mutations: [first, { ...second, h: 42 }] },
                { mutations: [first, { ...second, s: 1.5 }] },
                { mutations: [first, { ...second, f: [99] }] },
                { mutations: [first, { v: 'v-fuzz', c: [['nobody', 'name']] }] },
                { mutations: [first, { ...second, s: junk(), commune: junk() }] },
                { v: 2, shapes: [['communeCode', ['updatedAt', 'madeAt'], 'hamletCode']], mutations: [{ ...first, f: [0, 'X', 'Y'] }] },
                { shapes: [['a', ['b', 'nowhere'], 'c']] },
                { shapes: [['a', ['a', 'madeAt'], 'c']] },
                { shapes: [['a', ['b', 'household'], 'c']], mutations: [{ ...first, f: [0, junk(), junk(), junk()] }] },
                { mutations: [first, { v: 'v-fuzz', c: 0, a: junk() }] },
                { mutations: [first, { v: 'v-fuzz', c: v2pick([0, 1, '0', [0]]) }] },
              ]),
            };
      const gzip = v2int(2) === 0;
      const text = Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = { authorization: `Bearer ${memberToken}`, 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
      const answer = await send('POST', '/api/sync/push', headers, gzip ? gzipSync(text) : text);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, JSON.stringify(body).slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
    }

    // Raw bytes that are not HTTP at all.
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((done) => {
        const socket = connect(Number(new URL(server.url('/')).port), '127.0.0.1', () => socket.end(bytes(200 + int(800))));
        socket.on('error', () => done());
        socket.on('close', () => done());
        socket.resume();
      });
    }

    expect(server.rowCounts()).toEqual(before);
    const health = await server.call('GET', '/api/health', undefined);
    expect(health.status).toBe(200);
    // Many kinds of refusal were met, not one over and over.
    expect([...statuses.keys()].sort(), JSON.stringify([...statuses])).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 405, 413, 429]));
  });
});
