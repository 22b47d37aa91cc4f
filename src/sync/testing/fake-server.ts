// A small in-memory stand-in for the commune's server, for the engine's unit tests: it applies
// mutations once by id (last stamp wins per field), serves pulls by its own sequence (a record
// moves on only when what a phone sees changed, as on the real server), records every request,
// and lets a test break any request it likes. The real server has its own tests.
import { answerV2, decodePush, isPushV2, pushVersionOf } from '../../domain/push-wire';
import type { Mutation, MutationResult } from '../../domain/sync-protocol';

export type SeenRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The push body's mutations (after gunzip, decoded from version 2 or 3), or undefined for a pull. */
  mutations?: Mutation[];
  /** The push body's version: 1 (no v), else its `v`. */
  version?: number;
  bodyBytes: number;
  gzip: boolean;
};

/** What a test's interceptor may do to a request: answer it, break it, or let it through. */
export type Fault =
  | { kind: 'offline' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Apply the push, then lose the answer on the way back. */
  | { kind: 'lose-response' }
  | undefined;

type Stored = { entity: string; id: string; fields: Record<string, unknown>; stamps: Record<string, string>; updatedBy: string; seq: number; deleted: boolean };

export type FakeServer = {
  fetch: typeof fetch;
  requests: SeenRequest[];
  /** How often each mutation id was applied (it must never be more than once). */
  appliedCount: Map<string, number>;
  records: Map<string, Stored>;
  intercept: (req: SeenRequest, n: number) => Fault | Promise<Fault>;
  reject: (m: Mutation) => string | undefined;
  serverTime: () => number;
  /**
   * Says in each pull answer where the next page will end (`ahead`) and answers `skip`, as the
   * real server does; off: as a server from before them.
   */
  ahead: boolean;
};

async function gunzip(body: ArrayBuffer): Promise<string> {
  const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export function createFakeServer(): FakeServer {
  const applied = new Map<string, string>();
  let seq = 0;
  const server: FakeServer = {
    requests: [],
    appliedCount: new Map(),
    records: new Map(),
    intercept: () => undefined,
    reject: () => undefined,
    serverTime: () => Date.now(),
    ahead: false,
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://fake');
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const gzip = headers['content-encoding'] === 'gzip';
      const raw = init?.body;
      const text = raw === undefined || raw === null ? undefined : raw instanceof ArrayBuffer ? (gzip ? await gunzip(raw) : new TextDecoder().decode(raw)) : String(raw);
      const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
      const wire = isPushV2(parsed);
      const version = wire ? Number(pushVersionOf(parsed)) : 1;
      const decoded = wire ? decodePush(parsed, 1 << 24) : undefined;
      const mutations = decoded?.ok === true ? decoded.mutations : typeof parsed === 'object' && parsed !== null && 'mutations' in parsed ? (parsed.mutations as Mutation[]) : undefined;
      const bodyBytes = raw instanceof ArrayBuffer ? raw.byteLength : new TextEncoder().encode(text ?? '').length;
      const req: SeenRequest = { method: init?.method ?? 'GET', path: url.pathname + url.search, headers, mutations, bodyBytes, gzip, ...(mutations === undefined ? {} : { version }) };
      server.requests.push(req);
      if (decoded?.ok === false) return json(400, { error: `The push (version ${version}) cannot be read: ${decoded.error}` });
      const fault = await server.intercept(req, server.requests.length);
      if (fault?.kind === 'offline') throw new TypeError('Failed to fetch');
      if (fault?.kind === 'hang') {
        return new Promise<Response>((_, fail) => init?.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError'))));
      }
      if (fault?.kind === 'status') return json(fault.status, fault.body ?? { error: 'broken on purpose' }, fault.headers);
      const serverTime = new Date(server.serverTime()).toISOString();

      if (url.pathname === '/api/sync/push') {
        const results = (mutations ?? []).map((m): MutationResult => {
          const content = JSON.stringify(m);
          const before = applied.get(m.id);
          if (before !== undefined) return before === content ? { id: m.id, status: 'duplicate' } : { id: m.id, status: 'rejected', reason: 'khác nội dung' };
          const reason = server.reject(m);
          if (reason !== undefined) return { id: m.id, status: 'rejected', reason };
          applied.set(m.id, content);
          server.appliedCount.set(m.id, (server.appliedCount.get(m.id) ?? 0) + 1);
          const key = `${m.entity}:${m.entityId}`;
          const rec = server.records.get(key) ?? { entity: m.entity, id: m.entityId, fields: {}, stamps: {}, updatedBy: '', seq: 0, deleted: false };
          const seen = JSON.stringify([rec.fields, rec.deleted]);
          if (m.op === 'delete') Object.assign(rec, { fields: {}, deleted: true });
          for (const [f, v] of Object.entries(m.fields)) {
            if ((rec.stamps[f] ?? '') < m.stamp) Object.assign(rec, { fields: { ...rec.fields, [f]: v }, stamps: { ...rec.stamps, [f]: m.stamp } });
          }
          if (JSON.stringify([rec.fields, rec.deleted]) !== seen || rec.seq === 0) {
            rec.updatedBy = decodeURIComponent(headers['x-user'] ?? '');
            rec.seq = ++seq;
          }
          server.records.set(key, rec);
          return { id: m.id, status: 'applied' };
        });
        if (fault?.kind === 'lose-response') throw new TypeError('connection reset');
        return json(200, wire ? answerV2(results, serverTime) : { results, serverTime });
      }
      if (url.pathname === '/api/sync/pull') {
        let after = Number(url.searchParams.get('cursor') || '0');
        const limit = Number(url.searchParams.get('limit') || '100');
        const skip = Number(url.searchParams.get('skip') || '0');
        let from = {};
        if (server.ahead && skip > 0) {
          const start = [...server.records.values()].filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq)[skip - 1];
          if (start === undefined) return json(200, { records: [], cursor: String(after), more: false, serverTime });
          after = start.seq;
          from = { from: String(start.seq) };
        }
        const changed = [...server.records.values()].filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
        const page = changed.slice(0, limit);
        const records = page.map((r) => (r.deleted ? { entity: r.entity, id: r.id, deleted: true } : { entity: r.entity, id: r.id, deleted: false, record: { ...r.fields, id: r.id }, updatedBy: r.updatedBy }));
        const cursor = String(page.at(-1)?.seq ?? after);
        const ahead = server.ahead && changed.length > 2 * limit ? { ahead: String(changed[2 * limit - 1]?.seq) } : {};
        return json(200, { records, cursor, more: changed.length > limit, serverTime, ...ahead, ...from });
      }
      return json(404, { error: 'no such endpoint' });
    },
  };
  return server;
}
