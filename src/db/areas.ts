// Areas known to this phone (province, commune, hamlets), in the `areas` table.
import type { Area } from '../domain/areas';
import type { NgoSoDb } from './database';

export async function listAreas(db: NgoSoDb): Promise<Area[]> {
  return db.areas.toArray();
}

export async function putAreas(db: NgoSoDb, areas: readonly Area[]): Promise<void> {
  await db.areas.bulkPut([...areas]);
}
