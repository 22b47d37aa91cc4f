// Signed-in devices: a commune lead lists the devices of the commune's accounts and revokes a
// lost one; anyone lists and revokes their own. Never a token or its hash.
import { Hono } from 'hono';
import { fail, requireSession, type ApiEnv } from '../http-kit';
import { jsonResponse } from '../json-response';
import type { Session } from './access';
import type { Authenticate } from './session';
import type { AccountStore, DeviceInfo } from './store';

export type DevicesApiOptions = { accounts: AccountStore; authenticate: Authenticate; now: () => number };

function visibleDevices(session: Session & { kind: 'account' }, accounts: AccountStore): DeviceInfo[] {
  const { account } = session;
  if (account.role === 'lead' && account.communeCode !== null) return accounts.devices({ communeCode: account.communeCode });
  return accounts.devices({ accountId: account.userId });
}

export function devicesApi({ accounts, authenticate, now }: DevicesApiOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireSession(authenticate, now));
  const accountOnly = () => fail(403, 'The shared sync token may only push and pull; sign in with an account.');

  app.get('/', (c) => {
    const session = c.get('session');
    if (session.kind !== 'account') return accountOnly();
    return jsonResponse(200, { devices: visibleDevices(session, accounts) });
  });

  app.post('/:deviceId/revoke', (c) => {
    const session = c.get('session');
    if (session.kind !== 'account') return accountOnly();
    const deviceId = c.req.param('deviceId');
    // A device of another commune answers as if it did not exist: nothing of it is told.
    if (!visibleDevices(session, accounts).some((d) => d.deviceId === deviceId)) return fail(404, 'There is no device with this id among yours.');
    accounts.revokeDevice(deviceId, session.account.userId, new Date(now()).toISOString());
    return jsonResponse(200, { device: accounts.device(deviceId) });
  });

  return app;
}
