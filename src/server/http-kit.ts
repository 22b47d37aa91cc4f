// What every API module shares: error answers, JSON bodies within a size limit, the caller's
// address, and the middleware that puts the caller's Session on the request.
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { Session } from './accounts/access';
import type { Authenticate } from './accounts/session';
import { jsonResponse } from './json-response';
import { readBodyText } from './sync/body';

export type ApiEnv = { Bindings: Partial<HttpBindings>; Variables: { session: Session } };

/** Bodies of endpoints other than push: a sign-in or a hamlet's name is far below this. */
export const SMALL_BODY_BYTES = 16 * 1024;

export function fail(status: number, error: string, extra: { code?: string; headers?: Record<string, string> } = {}): Response {
  return jsonResponse(status, extra.code === undefined ? { error } : { error, code: extra.code }, { headers: extra.headers ?? {} });
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

export async function readJson(request: Request, maxBytes = SMALL_BODY_BYTES): Promise<JsonBody> {
  const body = await readBodyText(request, maxBytes);
  if (!body.ok) return { ok: false, response: fail(body.status, body.error) };
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch {
    return { ok: false, response: fail(400, 'The body is not valid JSON.') };
  }
}

/** "field: message" from the first problem zod found. */
export function firstProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const where = first?.path.map(String).join('.') ?? '';
  return `${where === '' ? '' : `${where}: `}${first?.message ?? 'invalid'}`;
}

/** The address the request came from (the proxy's, behind a reverse proxy). */
export function clientAddress(c: Context<ApiEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** 401 unless the request carries a token the server knows and has not revoked. */
export function requireSession(authenticate: Authenticate, now: () => number): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const result = authenticate(c.req.header('authorization'), now());
    if (!result.ok) {
      return fail(result.status, result.error, { code: result.code, headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    c.set('session', result.session);
    await next();
  };
}

/** 403 in plain words: the caller is known but this is not theirs to see or change. */
export const forbidden = (what: string) => fail(403, `This account may not ${what}.`);
