// An HTTP proxy that behaves like a village link: it drops requests before they arrive, cuts
// connections while the body is on its way, cuts them after the server answered (so the phone
// never hears the answer), replays requests, and delays. Seeded, so a failing run can be
// repeated. It stands between the sync engine and the real server in the chaos tests.
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { seededRandom } from './random';

export { seededRandom };

export type FlakySettings = {
  /** Chance that a request is dropped before it reaches the server. */
  dropRequest: number;
  /** Chance that the connection is cut mid-request: the server gets the headers and half the body, then a reset. */
  cutMidRequest: number;
  /** Chance that the server's answer is lost: the connection is cut after the server replied. */
  dropResponse: number;
  /** Chance that the request is sent to the server twice (a retransmission); the phone hears the second answer. */
  replay: number;
  /** Extra delay per request, uniformly 0..maxDelayMs. */
  maxDelayMs: number;
};

export const NO_FAULTS: FlakySettings = { dropRequest: 0, cutMidRequest: 0, dropResponse: 0, replay: 0, maxDelayMs: 0 };

export type FaultCounts = {
  requests: number;
  droppedRequests: number;
  cutMidRequest: number;
  /** Answers lost on the way back; `lostOkAnswers` of them were 2xx: the server had done the work. */
  droppedResponses: number;
  lostOkAnswers: number;
  replays: number;
  /** Requests that found no server (it was down, or died while answering). */
  upstreamErrors: number;
};

export type FlakyProxy = {
  readonly url: string;
  /** Every request and fault so far, in total. */
  readonly counts: FaultCounts;
  /** The same, per path (without the query string): `/api/sync/push`, `/api/sync/pull`. */
  readonly byPath: ReadonlyMap<string, FaultCounts>;
  /** Requests of this path (all when omitted) forwarded to the server and not yet answered by it. */
  inFlight(path?: string): number;
  /** Change the link's behaviour while it runs. */
  set(settings: Partial<FlakySettings>): void;
  /** Point at another upstream port (the server restarted elsewhere). */
  setUpstream(port: number): void;
  close(): Promise<void>;
};

export type FlakyProxyOptions = {
  upstreamPort: number;
  seed: number;
  settings?: Partial<FlakySettings>;
  /**
   * Which stream of random draws a request takes its faults from (default: one stream for all).
   * With one stream per phone (say, by its X-User header), each phone meets the same faults in
   * the same order on every run, however the phones' requests interleave.
   */
  streamOf?: (req: IncomingMessage) => string;
};

/** FNV-1a: a stream's name as a number to mix into the seed. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Upstream = { status: number; headers: IncomingMessage['headers']; body: Buffer };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function upstreamHeaders(req: IncomingMessage, port: number, body: Buffer): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...req.headers, host: `127.0.0.1:${port}`, connection: 'close' };
  delete headers['transfer-encoding'];
  if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
  return headers;
}

function forward(port: number, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: upstreamHeaders(req, port, body) }, (res) => {
      void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** Sends the headers and the first half of the body, then resets the connection. */
function forwardHalf(port: number, req: IncomingMessage, body: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: upstreamHeaders(req, port, body) });
    upstream.on('error', () => resolve());
    upstream.on('close', () => resolve());
    upstream.flushHeaders();
    upstream.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      setTimeout(() => upstream.destroy(), 5);
    });
  });
}

const zeroCounts = (): FaultCounts => ({ requests: 0, droppedRequests: 0, cutMidRequest: 0, droppedResponses: 0, lostOkAnswers: 0, replays: 0, upstreamErrors: 0 });

export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  let upstreamPort = options.upstreamPort;
  let settings: FlakySettings = { ...NO_FAULTS, ...options.settings };
  const streams = new Map<string, () => number>();
  const randomFor = (req: IncomingMessage) => {
    const name = options.streamOf?.(req) ?? '';
    let random = streams.get(name);
    if (random === undefined) {
      random = seededRandom(options.seed ^ hashOf(name));
      streams.set(name, random);
    }
    return random;
  };
  const counts = zeroCounts();
  const byPath = new Map<string, FaultCounts>();
  const inFlight = new Map<string, number>();
  const sockets = new Set<Socket>();

  const cut = (res: ServerResponse) => res.socket?.destroy();

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const own = byPath.get(path) ?? zeroCounts();
    byPath.set(path, own);
    const count = (key: keyof FaultCounts) => {
      counts[key] += 1;
      own[key] += 1;
    };
    // Every request draws the same number of values in the same order, whatever happens to it,
    // so one fault does not shift the draws of the requests after it.
    const random = randomFor(req);
    const draw = { delay: random(), dropRequest: random(), cutMid: random(), replay: random(), dropResponse: random() };
    const upstream = async <T>(send: () => Promise<T>): Promise<T> => {
      inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
      try {
        return await send();
      } finally {
        inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      }
    };

    void (async () => {
      count('requests');
      const body = await readBody(req);
      if (settings.maxDelayMs > 0) await new Promise((r) => setTimeout(r, draw.delay * settings.maxDelayMs));
      if (draw.dropRequest < settings.dropRequest) {
        count('droppedRequests');
        return cut(res);
      }
      if (draw.cutMid < settings.cutMidRequest) {
        count('cutMidRequest');
        await upstream(() => forwardHalf(upstreamPort, req, body));
        return cut(res);
      }
      let answer: Upstream;
      try {
        answer = await upstream(() => forward(upstreamPort, req, body));
        if (draw.replay < settings.replay) {
          count('replays');
          answer = await upstream(() => forward(upstreamPort, req, body));
        }
      } catch {
        count('upstreamErrors');
        return cut(res);
      }
      if (draw.dropResponse < settings.dropResponse) {
        count('droppedResponses');
        if (answer.status >= 200 && answer.status < 300) count('lostOkAnswers');
        return cut(res);
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    })().catch(() => cut(res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    byPath,
    inFlight: (path) => (path === undefined ? [...inFlight.values()].reduce((a, b) => a + b, 0) : (inFlight.get(path) ?? 0)),
    set: (next) => {
      settings = { ...settings, ...next };
    },
    setUpstream: (p) => {
      upstreamPort = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
