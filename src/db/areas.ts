// Areas known to this phone (province, commune, hamlets of the account's scope), in the `areas`
// table of the account's database: the server's list when last online, kept for offline use.
import type { Area } from '../domain/areas';
import type { NgoSoDb } from './database';

export async function listAreas(db: NgoSoDb): Promise<Area[]> {
  return db.areas.toArray();
}

/** The server's list replaces the cached one in one transaction (a renamed or merged hamlet shows at once). */
export async function replaceAreas(db: NgoSoDb, areas: readonly Area[]): Promise<void> {
  await db.transaction('rw', db.areas, async () => {
    await db.areas.clear();
    await db.areas.bulkPut([...areas]);
  });
}
