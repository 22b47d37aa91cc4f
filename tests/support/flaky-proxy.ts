// An HTTP proxy that behaves like a village link: it drops requests before they arrive, cuts
// connections after the server answered (so the phone never hears the answer), replays
// requests, and delays. Seeded, so a failing run can be repeated. It stands between the sync
// engine and the real server in the chaos tests.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FlakySettings = {
  /** Chance that a request is dropped before it reaches the server. */
  dropRequest: number;
  /** Chance that the server's answer is lost: the connection is cut after the server replied. */
  dropResponse: number;
  /** Chance that the request is sent to the server twice (a retransmission). */
  replay: number;
  /** Extra delay per request, uniformly 0..maxDelayMs. */
  maxDelayMs: number;
};

export const NO_FAULTS: FlakySettings = { dropRequest: 0, dropResponse: 0, replay: 0, maxDelayMs: 0 };

export type FlakyProxy = {
  readonly url: string;
  readonly counts: { requests: number; droppedRequests: number; droppedResponses: number; replays: number; upstreamErrors: number };
  /** Change the link's behaviour while it runs. */
  set(settings: Partial<FlakySettings>): void;
  /** Point at another upstream port (the server restarted). */
  setUpstream(port: number): void;
  close(): Promise<void>;
};

/** mulberry32: a small seeded generator, so chaos runs can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

function forward(port: number, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${port}`, connection: 'close' } },
      (res) => {
        void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFlakyProxy(options: { upstreamPort: number; seed: number; settings?: Partial<FlakySettings> }): Promise<FlakyProxy> {
  let upstreamPort = options.upstreamPort;
  let settings: FlakySettings = { ...NO_FAULTS, ...options.settings };
  const random = seededRandom(options.seed);
  const counts = { requests: 0, droppedRequests: 0, droppedResponses: 0, replays: 0, upstreamErrors: 0 };
  const sockets = new Set<Socket>();

  const cut = (res: ServerResponse) => res.socket?.destroy();

  const server: Server = createServer((req, res) => {
    void (async () => {
      counts.requests += 1;
      const body = await readBody(req);
      if (settings.maxDelayMs > 0) await new Promise((r) => setTimeout(r, random() * settings.maxDelayMs));
      if (random() < settings.dropRequest) {
        counts.droppedRequests += 1;
        return cut(res);
      }
      let answer: Upstream;
      try {
        answer = await forward(upstreamPort, req, body);
        if (random() < settings.replay) {
          counts.replays += 1;
          answer = await forward(upstreamPort, req, body);
        }
      } catch {
        counts.upstreamErrors += 1;
        return cut(res);
      }
      if (random() < settings.dropResponse) {
        counts.droppedResponses += 1;
        return cut(res);
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    })();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
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
