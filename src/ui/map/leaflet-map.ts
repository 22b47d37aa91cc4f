// The map itself, on Leaflet, loaded only when the map screen opens (with its CSS): points,
// hamlet labels and a metric scale on a plain background, and optionally a tile layer under them.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { boundsOf } from '../../domain/geo';
import type { HamletLabel, MapPoint } from '../../domain/map-points';
import type { TileSetting } from '../../domain/map-tiles';
import { POINT_STYLES } from './point-style';

export type MapView = {
  /** Draws these points and labels in place of the last ones; the first non-empty call fits the view to them. */
  show(points: readonly MapPoint[], labels: readonly HamletLabel[]): void;
  setTiles(setting: TileSetting | undefined): void;
  destroy(): void;
};

export type MapViewOptions = {
  /** The popup's content when a point is tapped; built on demand. */
  popup: (point: MapPoint) => HTMLElement;
  /** The text a screen reader hears for the map as a whole. */
  label: string;
};

/** Above this many points one canvas draws them all (SVG slows a cheap phone down); below, each is an SVG path. */
const CANVAS_ABOVE = 1500;
/** Pixels around a canvas point that still count as tapping it (fingers, not a mouse). */
const TAP_TOLERANCE_PX = 8;
const MAX_ZOOM = 19;
/** Closest the first view goes, even for a single house. */
const FIT_MAX_ZOOM = 17;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function createMapView(container: HTMLElement, options: MapViewOptions): MapView {
  const map = L.map(container, { zoomControl: true, attributionControl: false, maxZoom: MAX_ZOOM, minZoom: 3 });
  container.setAttribute('aria-label', options.label);
  // Vietnam, until the first points arrive.
  map.setView([16, 106], 5);
  L.control.scale({ imperial: false, metric: true, position: 'bottomleft', maxWidth: 150 }).addTo(map);

  // Hamlet names sit under the points (the overlay pane is at 400), so no house hides behind a name.
  map.createPane('hamlet-labels').style.zIndex = '350';
  let svg: L.Renderer | undefined;
  let canvas: L.Renderer | undefined;
  const pointLayer = L.layerGroup().addTo(map);
  const labelLayer = L.layerGroup().addTo(map);
  let tiles: L.TileLayer | undefined;
  let attribution: L.Control.Attribution | undefined;
  let fitted = false;

  function rendererFor(count: number): L.Renderer {
    if (count > CANVAS_ABOVE) return (canvas ??= L.canvas({ tolerance: TAP_TOLERANCE_PX }));
    return (svg ??= L.svg());
  }

  function show(points: readonly MapPoint[], labels: readonly HamletLabel[]): void {
    pointLayer.clearLayers();
    labelLayer.clearLayers();
    const renderer = rendererFor(points.length);
    for (const point of points) {
      const style = POINT_STYLES[point.gap.gapClass];
      L.circleMarker([point.lat, point.lng], { ...style, renderer, className: `map-point gap-${point.gap.gapClass}` })
        .bindPopup(() => options.popup(point), { closeButton: true, autoPanPadding: [16, 16] })
        .addTo(pointLayer);
    }
    for (const label of labels) {
      const text = document.createElement('span');
      text.textContent = label.name;
      // Just above the hamlet's centre, so that a lone house is not under its own name.
      L.tooltip({ permanent: true, direction: 'top', offset: [0, -10], className: 'hamlet-label', interactive: false, pane: 'hamlet-labels' })
        .setLatLng([label.lat, label.lng])
        .setContent(text)
        .addTo(labelLayer);
    }
    const box = fitted ? null : boundsOf(points);
    if (box !== null) {
      map.fitBounds(
        [
          [box.south, box.west],
          [box.north, box.east],
        ],
        { padding: [24, 24], maxZoom: FIT_MAX_ZOOM },
      );
      fitted = true;
    }
  }

  function setTiles(setting: TileSetting | undefined): void {
    tiles?.remove();
    attribution?.remove();
    tiles = undefined;
    attribution = undefined;
    if (setting === undefined) return;
    // Missing tiles (offline, never seen) leave the plain background; points and labels stay.
    tiles = L.tileLayer(setting.template, { maxZoom: MAX_ZOOM, maxNativeZoom: 18, attribution: escapeHtml(setting.attribution) });
    tiles.addTo(map);
    if (setting.attribution !== '') {
      attribution = L.control.attribution({ prefix: false, position: 'bottomright' });
      attribution.addAttribution(escapeHtml(setting.attribution)).addTo(map);
    }
  }

  return { show, setTiles, destroy: () => map.remove() };
}
