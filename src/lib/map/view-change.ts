// Changing the map's view from code without losing the change. Leaflet 1.9 silently drops a
// setView or fitBounds asked for while a zoom animation runs (Map._tryAnimatedZoom returns early
// when `_animatingZoom`, and the animation's end then moves the map to its own target): a city
// imported just after the page framed the previous one stayed on the previous view.
import type { Map as LeafletMap } from 'leaflet';

/** True while Leaflet animates a zoom (its own flag; no public API says so). */
export function zoomAnimating(map: LeafletMap): boolean {
	return (map as unknown as { _animatingZoom?: boolean })._animatingZoom === true;
}

/**
 * Runs `change` (a view change, best without animation) now if no zoom animation runs, else once
 * it has ended (after Leaflet's own end-of-animation move), so the change is the last word.
 */
export function whenStill(map: LeafletMap, change: () => void): void {
	if (zoomAnimating(map)) map.once('zoomend', () => whenStill(map, change));
	else change();
}
