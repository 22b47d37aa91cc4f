// Plain geometry over house positions: bounds and centre, and a phone's GPS reading turned into
// the GeoPoint a household keeps. Pure: the reading's time is an input. (Distance between two
// positions: haversineMeters in follow-up.ts.)
import type { GeoPoint } from './household';

export type LatLng = { lat: number; lng: number };
export type Bounds = { south: number; west: number; north: number; east: number };

/** A reading less precise than this is worth taking again outdoors. */
export const ACCURACY_WARNING_M = 50;

/** The smallest box holding every point, or null when there are none. */
export function boundsOf(points: readonly LatLng[]): Bounds | null {
  const [first, ...rest] = points;
  if (first === undefined) return null;
  const b: Bounds = { south: first.lat, west: first.lng, north: first.lat, east: first.lng };
  for (const p of rest) {
    b.south = Math.min(b.south, p.lat);
    b.north = Math.max(b.north, p.lat);
    b.west = Math.min(b.west, p.lng);
    b.east = Math.max(b.east, p.lng);
  }
  return b;
}

/**
 * The plain mean of the points, or null when there are none. Good enough for a hamlet's label:
 * a commune spans a few kilometres and never crosses the antimeridian.
 */
export function centroid(points: readonly LatLng[]): LatLng | null {
  if (points.length === 0) return null;
  let lat = 0;
  let lng = 0;
  for (const p of points) {
    lat += p.lat;
    lng += p.lng;
  }
  return { lat: lat / points.length, lng: lng / points.length };
}

export function isImprecise(point: Pick<GeoPoint, 'accuracyM'>): boolean {
  return point.accuracyM > ACCURACY_WARNING_M;
}

/** The parts of the browser's GeolocationPosition a house position keeps (no altitude, no heading, no speed). */
export type PositionReading = { coords: { latitude: number; longitude: number; accuracy: number }; timestamp: number };

/**
 * A GPS reading as a house position: degrees to 6 decimals (about 10 cm, finer than any phone
 * can tell), accuracy rounded up to whole metres, and the time the phone took it.
 */
export function geoPointFromReading(reading: PositionReading): GeoPoint {
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    lat: round6(reading.coords.latitude),
    lng: round6(reading.coords.longitude),
    accuracyM: Math.ceil(Math.max(0, reading.coords.accuracy)),
    takenAt: new Date(reading.timestamp).toISOString(),
  };
}
