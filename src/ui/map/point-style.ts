// How each class of household looks on the map and in its legend: colour (Okabe–Ito, readable
// with colour blindness) and also size, fill and outline, so the classes differ without colour.
import type { GapClass } from '../../domain/map-points';

export type PointStyle = {
  radius: number;
  color: string;
  weight: number;
  fillColor: string;
  fillOpacity: number;
  dashArray?: string;
};

export const POINT_STYLES: Record<GapClass, PointStyle> = {
  /** Big, solid, dark outline: the households to visit. */
  lacking: { radius: 9, color: '#6b2400', weight: 2, fillColor: '#d55e00', fillOpacity: 1 },
  /** A thick ring: part of the household still lacks it. */
  partial: { radius: 8, color: '#a86800', weight: 4, fillColor: '#e69f00', fillOpacity: 0.3 },
  /** Small and solid. */
  complete: { radius: 6, color: '#004d38', weight: 1, fillColor: '#009e73', fillOpacity: 0.9 },
  /** Hollow, dashed: nobody there is counted for this indicator. */
  not_counted: { radius: 6, color: '#666666', weight: 2, fillColor: '#ffffff', fillOpacity: 1, dashArray: '3 3' },
};

/** The largest radius plus its outline: the legend's swatch is this wide. */
export const SWATCH_SIZE = 2 * (Math.max(...Object.values(POINT_STYLES).map((s) => s.radius + s.weight / 2)) + 1);
