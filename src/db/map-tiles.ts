// The map's background-tile setting on this phone, in idb-keyval under 'map-tiles': a URL
// template and its attribution. Not personal data, and shared by the accounts on the phone.
import { del, get, set } from 'idb-keyval';
import { TileSetting } from '../domain/map-tiles';

export const TILE_SETTING_KEY = 'map-tiles';

/** The saved setting, or undefined when there is none (or it no longer reads as one). */
export async function readTileSetting(): Promise<TileSetting | undefined> {
  const parsed = TileSetting.safeParse(await get(TILE_SETTING_KEY));
  return parsed.success ? parsed.data : undefined;
}

/** Saves the setting; undefined removes it, and the map goes back to its plain background. */
export async function saveTileSetting(setting: TileSetting | undefined): Promise<void> {
  if (setting === undefined) await del(TILE_SETTING_KEY);
  else await set(TILE_SETTING_KEY, TileSetting.parse(setting));
}
