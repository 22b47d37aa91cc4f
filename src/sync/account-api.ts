// The phone's calls to the server about who it is: sign in (username and password for a device
// token), who am I, sign out (the server revokes the token), the areas of the account's scope,
// and a lead's commune administration (add and rename hamlets, list and revoke devices). Each answer is checked against the shared schema; failures come sorted, never thrown.
import * as z from 'zod/mini';
import { ProvinceCoverage } from '../domain/province-coverage';
import { Account, SignInRequest, type SignInResponse } from '../domain/accounts';
import { Area, type NewHamletRequest, type RenameHamletRequest } from '../domain/areas';
import { isRevokedAnswer } from './transport';

export type AccountApiOptions = {
  /** '' for the origin the app came from. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export type ApiFailure =
  | { kind: 'offline' }
  | { kind: 'timeout' }
  /** Sign-in: the username or password is wrong. Elsewhere: the token is unknown to the server. */
  | { kind: 'unauthorized'; detail: string }
  | { kind: 'revoked' }
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'server'; status: number }
  | { kind: 'bad-response' };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export const ACCOUNT_API_TIMEOUT_MS = 20_000;

const ServerTime = z.string();
const SignInReply = z.object({ token: z.string().check(z.minLength(1)), deviceId: z.string(), account: Account, serverTime: ServerTime });
const MeReply = z.object({ account: Account, serverTime: ServerTime });
const AreasReply = z.union([z.array(Area), z.object({ areas: z.array(Area) })]);
const AreaReply = z.object({ area: Area });

/** A signed-in device as GET /api/devices shows it (docs/api.md): never its token. */
export const Device = z.object({
  deviceId: z.string(),
  name: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  communeCode: z.nullable(z.string()),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  revokedAt: z.nullable(z.string()),
});
export type Device = z.infer<typeof Device>;
const DevicesReply = z.object({ devices: z.array(Device) });
const DeviceReply = z.object({ device: Device });

function detailOf(body: unknown, status: number): string {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : `HTTP ${status}`;
}

async function call(options: AccountApiOptions, method: 'GET' | 'POST' | 'PATCH', path: string, token: string | null, body?: unknown): Promise<ApiResult<unknown>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? ACCOUNT_API_TIMEOUT_MS);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const response = await doFetch(`${options.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) return { ok: true, value: parsed };
    const { status } = response;
    if (isRevokedAnswer(status, parsed)) return { ok: false, failure: { kind: 'revoked' } };
    if (status === 401) return { ok: false, failure: { kind: 'unauthorized', detail: detailOf(parsed, status) } };
    if (status === 429) {
      const seconds = Number(response.headers.get('Retry-After'));
      return { ok: false, failure: { kind: 'rate-limited', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0 } };
    }
    if (status >= 500) return { ok: false, failure: { kind: 'server', status } };
    return { ok: false, failure: { kind: 'refused', status, detail: detailOf(parsed, status) } };
  } catch {
    return { ok: false, failure: controller.signal.aborted ? { kind: 'timeout' } : { kind: 'offline' } };
  } finally {
    clearTimeout(timer);
  }
}

function checked<T>(result: ApiResult<unknown>, schema: z.ZodMiniType<T>): ApiResult<T> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: { kind: 'bad-response' } };
}

export async function signIn(options: AccountApiOptions, request: SignInRequest): Promise<ApiResult<SignInResponse>> {
  return checked(await call(options, 'POST', '/api/auth/sign-in', null, request), SignInReply);
}

export async function fetchMe(options: AccountApiOptions, token: string): Promise<ApiResult<Account>> {
  const reply = checked(await call(options, 'GET', '/api/auth/me', token), MeReply);
  return reply.ok ? { ok: true, value: reply.value.account } : reply;
}

/** Revokes this phone's token on the server. A token already revoked counts as signed out. */
export async function signOut(options: AccountApiOptions, token: string): Promise<ApiResult<null>> {
  const reply = await call(options, 'POST', '/api/auth/sign-out', token);
  if (reply.ok || (!reply.ok && reply.failure.kind === 'revoked')) return { ok: true, value: null };
  return reply;
}

/** Each commune of the officer's province as numbers only (no names): the province view. */
export async function fetchProvinceCoverage(options: AccountApiOptions, token: string): Promise<ApiResult<ProvinceCoverage>> {
  return checked(await call(options, 'GET', '/api/province/coverage', token), ProvinceCoverage);
}

/** The province, commune and hamlets the account may see. */
export async function fetchAreas(options: AccountApiOptions, token: string): Promise<ApiResult<Area[]>> {
  const reply = checked(await call(options, 'GET', '/api/areas', token), AreasReply);
  if (!reply.ok) return reply;
  return { ok: true, value: Array.isArray(reply.value) ? reply.value : reply.value.areas };
}

/** A lead adds a hamlet to the commune; the server makes its code when none is given. */
export async function addHamlet(options: AccountApiOptions, token: string, request: NewHamletRequest): Promise<ApiResult<Area>> {
  const reply = checked(await call(options, 'POST', '/api/areas/hamlets', token, request), AreaReply);
  return reply.ok ? { ok: true, value: reply.value.area } : reply;
}

/** A lead renames a hamlet of the commune; its code, and so every record filed under it, stays. */
export async function renameHamlet(options: AccountApiOptions, token: string, code: string, request: RenameHamletRequest): Promise<ApiResult<Area>> {
  const reply = checked(await call(options, 'PATCH', `/api/areas/hamlets/${encodeURIComponent(code)}`, token, request), AreaReply);
  return reply.ok ? { ok: true, value: reply.value.area } : reply;
}

/** A lead gets the devices of the commune's accounts; anyone else their own. */
export async function listDevices(options: AccountApiOptions, token: string): Promise<ApiResult<Device[]>> {
  const reply = checked(await call(options, 'GET', '/api/devices', token), DevicesReply);
  return reply.ok ? { ok: true, value: reply.value.devices } : reply;
}

/** Revokes a device (a lost phone): it wipes its data at its next contact with the server. */
export async function revokeDevice(options: AccountApiOptions, token: string, deviceId: string): Promise<ApiResult<Device>> {
  const reply = checked(await call(options, 'POST', `/api/devices/${encodeURIComponent(deviceId)}/revoke`, token), DeviceReply);
  return reply.ok ? { ok: true, value: reply.value.device } : reply;
}
