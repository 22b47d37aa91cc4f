// The one place that calls fetch for sync: headers naming the device and user, gzip where the
// runtime has CompressionStream, a timeout on every request, and each failure sorted into a
// kind the engine knows how to answer. Never throws.
import { REVOKED_CODE } from '../domain/accounts';
import { DEVICE_HEADER, USER_HEADER } from '../domain/sync-protocol';

export type Failure =
  | { kind: 'offline' }
  | { kind: 'timeout' }
  | { kind: 'auth'; status: number }
  /** 401 with code 'revoked': a lead revoked this phone (or it signed out elsewhere); wipe at once. */
  | { kind: 'revoked' }
  | { kind: 'too-large' }
  | { kind: 'encoding' }
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'server'; status: number; retryAfterMs: number }
  | { kind: 'bad-response' };

export type Reply = { ok: true; body: unknown; sentAt: number; receivedAt: number } | { ok: false; failure: Failure };

export type TransportOptions = {
  fetch: typeof fetch;
  baseUrl: string;
  token: string;
  userId: string;
  deviceId: string;
  timeoutMs: number;
  now: () => number;
  /** Compress request bodies (when the runtime can); turned off for good if the server refuses it. */
  gzip: boolean;
};

export type Transport = {
  post(path: string, body: string): Promise<Reply>;
  get(path: string): Promise<Reply>;
  /** The server refused compressed bodies: send plain ones from now on. Returns false if already plain. */
  stopCompressing(): boolean;
};

/** Bodies smaller than this gain little from gzip. */
const GZIP_FROM_BYTES = 1024;

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 0;
}

function errorText(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') return body.error;
  return `HTTP ${status}`;
}

/** Whether an answer says the token was revoked: 401 with `code: 'revoked'`. */
export function isRevokedAnswer(status: number, body: unknown): boolean {
  return status === 401 && typeof body === 'object' && body !== null && 'code' in body && body.code === REVOKED_CODE;
}

function failureOf(status: number, body: unknown, retryAfter: string | null, compressed: boolean): Failure {
  if (isRevokedAnswer(status, body)) return { kind: 'revoked' };
  if (status === 401 || status === 403) return { kind: 'auth', status };
  if (status === 413) return { kind: 'too-large' };
  if (status === 415 && compressed) return { kind: 'encoding' };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'server', status, retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'refused', status, detail: errorText(body, status) };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  let compress = options.gzip && typeof CompressionStream === 'function';

  async function send(method: 'GET' | 'POST', path: string, text?: string): Promise<Reply> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.token}`,
      [DEVICE_HEADER]: options.deviceId,
      [USER_HEADER]: encodeURIComponent(options.userId),
      Accept: 'application/json',
    };
    let body: string | ArrayBuffer | undefined = text;
    const compressed = text !== undefined && compress && text.length >= GZIP_FROM_BYTES;
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    if (compressed) {
      body = await gzip(text);
      headers['Content-Encoding'] = 'gzip';
    }

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A fetch that ignores the signal still loses the race against the timer.
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, options.timeoutMs);
    });
    const sentAt = options.now();
    try {
      const response = await Promise.race([options.fetch(`${base}${path}`, { method, headers, body, signal: controller.signal }), timedOut]);
      if (response === 'timeout') return { ok: false, failure: { kind: 'timeout' } };
      const raw = await Promise.race([response.text(), timedOut]);
      if (raw === 'timeout') return { ok: false, failure: { kind: 'timeout' } };
      const receivedAt = options.now();
      const parsed = parseJson(raw);
      if (!response.ok) {
        const failure = failureOf(response.status, parsed.ok ? parsed.value : undefined, response.headers.get('Retry-After'), compressed);
        return { ok: false, failure };
      }
      if (!parsed.ok) return { ok: false, failure: { kind: 'bad-response' } };
      return { ok: true, body: parsed.value, sentAt, receivedAt };
    } catch {
      return { ok: false, failure: controller.signal.aborted ? { kind: 'timeout' } : { kind: 'offline' } };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    post: (path, body) => send('POST', path, body),
    get: (path) => send('GET', path),
    stopCompressing() {
      const was = compress;
      compress = false;
      return was;
    },
  };
}
