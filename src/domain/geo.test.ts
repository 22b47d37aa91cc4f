import { describe, expect, it } from 'vitest';
import { ACCURACY_WARNING_M, boundsOf, centroid, geoPointFromReading, isImprecise } from './geo';

describe('boundsOf', () => {
  it('is null with no points', () => {
    expect(boundsOf([])).toBeNull();
  });

  it('is the point itself for one point', () => {
    expect(boundsOf([{ lat: 15.1, lng: 108.6 }])).toEqual({ south: 15.1, west: 108.6, north: 15.1, east: 108.6 });
  });

  it('holds every point', () => {
    const points = [
      { lat: 15.2, lng: 108.5 },
      { lat: 15.0, lng: 108.7 },
      { lat: 15.1, lng: 108.6 },
    ];
    expect(boundsOf(points)).toEqual({ south: 15.0, west: 108.5, north: 15.2, east: 108.7 });
  });
});

describe('centroid', () => {
  it('is null with no points', () => {
    expect(centroid([])).toBeNull();
  });

  it('is the mean of the points', () => {
    const c = centroid([
      { lat: 15, lng: 108 },
      { lat: 16, lng: 109 },
      { lat: 17, lng: 110 },
    ]);
    expect(c?.lat).toBeCloseTo(16, 12);
    expect(c?.lng).toBeCloseTo(109, 12);
  });
});

describe('isImprecise', () => {
  it.each([
    [5, false],
    [ACCURACY_WARNING_M, false],
    [ACCURACY_WARNING_M + 1, true],
    [1200, true],
  ])('accuracy %d m → %s', (accuracyM, expected) => {
    expect(isImprecise({ accuracyM })).toBe(expected);
  });
});

describe('geoPointFromReading', () => {
  const reading = { coords: { latitude: 15.123456789, longitude: 108.987654321, accuracy: 12.2 }, timestamp: Date.UTC(2026, 2, 1, 8, 30) };

  it('keeps 6 decimals, whole metres rounded up, and the time the phone took it', () => {
    expect(geoPointFromReading(reading)).toEqual({ lat: 15.123457, lng: 108.987654, accuracyM: 13, takenAt: '2026-03-01T08:30:00.000Z' });
  });

  it('keeps nothing but the house position (no altitude, heading or speed)', () => {
    const withMore = { coords: { ...reading.coords, altitude: 30, heading: 90, speed: 1.2 }, timestamp: reading.timestamp };
    expect(Object.keys(geoPointFromReading(withMore)).sort()).toEqual(['accuracyM', 'lat', 'lng', 'takenAt']);
  });
});
