// A phone's weak link as an HTTP proxy: one-way latency, a bandwidth per direction shared by
// every connection through it, a TCP handshake (one round trip) per new connection, and a
// seeded chance of cutting a connection while a request or an answer is on its way. Keep-alive
// both sides, so a client that reuses its sockets (browsers, undici, PouchDB) pays the
// handshake once. Counts requests, bytes each way and cuts.
//
// Model: a message (request or answer) is forwarded whole once its last byte would have
// arrived: it waits for the direction's wire to be free, occupies it for bytes / bandwidth,
// and arrives one latency after its last byte left. Bytes are those on the wire as the client
// and server wrote them (gzip included), plus the start line and headers as text (an
// approximation: no TCP/IP framing, no slow start, no loss other than the cuts).
// KB = 1000 bytes throughout.
//
// Not built on tests/support/flaky-proxy.ts: that one closes every connection and has no wire
// timing; only its seeded generator (tests/support/random.ts) is shared.
//
// Alone, in front of any server, so another client (a browser, PouchDB) can use the same link:
//   node --import tsx tests/bench/link-proxy.ts --upstream http://127.0.0.1:8080 --port 9000 \
//     --latency-ms 150 --bytes-per-sec 100000 --cut-chance 0.02 --seed 1      (or --link 3g)
// It prints its URL, and its counts on SIGINT.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from '../support/random';

export type LinkSettings = {
  /** One way, each direction. */
  latencyMs: number;
  /** Each direction on its own (KB = 1000 bytes). */
  bytesPerSec: number;
  /** Chance that a request's connection is cut: half the time while the request goes up, half while the answer comes down. */
  cutChance: number;
};

/** A push and a pull through the link, as the sync bench reports ours and PouchDB's. */
export type TransferFigures = {
  /** Push and pull. */
  seconds: number;
  pushSeconds: number;
  pullSeconds: number;
  /** On the wire through the proxy, headers included. */
  bytesUp: number;
  bytesDown: number;
  requests: number;
  cuts: number;
};

export type LinkName = '3g' | '2g' | '3g-cut';

/** The links of issue 6. KB = 1000 bytes. */
export const LINKS = {
  '3g': { latencyMs: 150, bytesPerSec: 100_000, cutChance: 0 },
  '2g': { latencyMs: 400, bytesPerSec: 12_000, cutChance: 0 },
  '3g-cut': { latencyMs: 150, bytesPerSec: 100_000, cutChance: 0.05 },
} as const satisfies Record<LinkName, LinkSettings>;

export type LinkCounts = {
  requests: number;
  /** New TCP connections from the client (each paid one round trip). */
  connections: number;
  /** Bytes on the wire, cut messages counted as far as they went. */
  bytesUp: number;
  bytesDown: number;
  cuts: number;
};

/**
 * One request's way through the link, in ms of performance.now(): when the proxy had it from the
 * client, when its first and last byte went up the wire, when the server answered, and when the
 * answer's first and last byte went down (arriving one latency later). Cut requests stop early.
 */
export type LinkEvent = {
  method: string;
  path: string;
  bytesUp: number;
  bytesDown: number;
  received: number;
  upStart: number;
  upEnd: number;
  answered?: number;
  downStart?: number;
  downEnd?: number;
  cut?: 'up' | 'down';
};

export type LinkProxy = {
  readonly url: string;
  readonly counts: LinkCounts;
  /** Every request's LinkEvent since the last resetCounts(), in the order they reached the proxy. */
  readonly timeline: readonly LinkEvent[];
  /** Counts from now on start at zero. */
  resetCounts(): void;
  close(): Promise<void>;
};

export type LinkProxyOptions = { upstream: string; settings: LinkSettings; seed: number; port?: number; host?: string };

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer'];

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Start line and headers as they go on the wire, near enough. */
function headBytes(startLine: string, rawHeaders: readonly string[]): number {
  let bytes = startLine.length + 4;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) bytes += (rawHeaders[i] ?? '').length + (rawHeaders[i + 1] ?? '').length + 4;
  return bytes;
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

type Answer = { status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: Buffer };

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

export async function startLinkProxy(options: LinkProxyOptions): Promise<LinkProxy> {
  const { settings } = options;
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true });
  const random = seededRandom(options.seed);
  const zero = (): LinkCounts => ({ requests: 0, connections: 0, bytesUp: 0, bytesDown: 0, cuts: 0 });
  let counts = zero();
  let timeline: LinkEvent[] = [];
  // When each direction's wire is next free (performance.now() ms).
  const wireFree = { up: 0, down: 0 };
  const readyAt = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();

  /** Puts `bytes` on the wire; resolves when the last of them has arrived at the other end. */
  const transmit = async (direction: 'up' | 'down', bytes: number, notBefore = 0) => {
    const start = Math.max(performance.now(), notBefore, wireFree[direction]);
    const end = start + (bytes * 1000) / settings.bytesPerSec;
    wireFree[direction] = end;
    if (direction === 'up') counts.bytesUp += bytes;
    else counts.bytesDown += bytes;
    await sleepUntil(end + settings.latencyMs);
    return { start, end };
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...endToEnd(req.headers), host: upstream.host };
      if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, rawHeaders: res.rawHeaders, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    counts.requests += 1;
    // Three draws for every request, whatever happens to it, so one cut does not shift the next ones.
    const cut = random() < settings.cutChance;
    const onTheWayUp = random() < 0.5;
    const fraction = random();
    const socket = req.socket;
    const body = await readBody(req);
    const upBytes = headBytes(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`, req.rawHeaders) + body.length;
    const ready = readyAt.get(socket) ?? 0;
    const event: LinkEvent = { method: req.method ?? 'GET', path: req.url ?? '/', bytesUp: upBytes, bytesDown: 0, received: performance.now(), upStart: 0, upEnd: 0 };
    timeline.push(event);
    if (cut && onTheWayUp) {
      const up = await transmit('up', Math.floor(upBytes * fraction), ready);
      Object.assign(event, { upStart: up.start, upEnd: up.end, cut: 'up' });
      counts.cuts += 1;
      socket.destroy();
      return;
    }
    const up = await transmit('up', upBytes, ready);
    Object.assign(event, { upStart: up.start, upEnd: up.end });
    let answer: Answer;
    try {
      answer = await forward(req, body);
    } catch {
      socket.destroy();
      return;
    }
    event.answered = performance.now();
    const headers = { ...endToEnd(answer.headers), 'content-length': String(answer.body.length) };
    const downBytes = headBytes(`HTTP/1.1 ${answer.status} OK`, answer.rawHeaders) + answer.body.length;
    if (cut) {
      const sent = Math.floor(downBytes * fraction);
      const down = await transmit('down', sent);
      Object.assign(event, { bytesDown: sent, downStart: down.start, downEnd: down.end, cut: 'down' });
      counts.cuts += 1;
      res.writeHead(answer.status, headers);
      res.write(answer.body.subarray(0, Math.max(0, sent - (downBytes - answer.body.length))), () => socket.destroy());
      return;
    }
    const down = await transmit('down', downBytes);
    Object.assign(event, { bytesDown: downBytes, downStart: down.start, downEnd: down.end });
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  // Backoff after a failure can leave a socket idle for many seconds; the client decides when to drop it.
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    counts.connections += 1;
    // SYN up, SYN-ACK down: the first byte of data leaves one round trip after the connect.
    readyAt.set(socket, performance.now() + 2 * settings.latencyMs);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://${host}:${port}`,
    get counts() {
      return counts;
    },
    get timeline() {
      return timeline;
    },
    resetCounts: () => {
      counts = zero();
      timeline = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

function isLinkName(name: string): name is LinkName {
  return name in LINKS;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      upstream: { type: 'string' },
      port: { type: 'string', default: '0' },
      link: { type: 'string' },
      'latency-ms': { type: 'string' },
      'bytes-per-sec': { type: 'string' },
      'cut-chance': { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (values.upstream === undefined) throw new Error('--upstream http://host:port is required');
  const named = values.link;
  if (named !== undefined && !isLinkName(named)) throw new Error(`--link is one of ${Object.keys(LINKS).join(', ')}`);
  const base: LinkSettings = named === undefined ? LINKS['3g'] : LINKS[named];
  const settings: LinkSettings = {
    latencyMs: Number(values['latency-ms'] ?? base.latencyMs),
    bytesPerSec: Number(values['bytes-per-sec'] ?? base.bytesPerSec),
    cutChance: Number(values['cut-chance'] ?? base.cutChance),
  };
  const proxy = await startLinkProxy({ upstream: values.upstream, settings, seed: Number(values.seed), port: Number(values.port) });
  process.stdout.write(`${proxy.url}\n`);
  process.stdout.write(`${JSON.stringify(settings)}\n`);
  process.once('SIGINT', () => {
    process.stdout.write(`${JSON.stringify(proxy.counts)}\n`);
    void proxy.close().then(() => process.exit(0));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
