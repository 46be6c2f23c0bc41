// Changing the map's view from code without losing the change. Leaflet 1.9 silently drops a
// setView or fitBounds asked for while a zoom animation runs (Map._tryAnimatedZoom returns early
// when `_animatingZoom`), and an animated zoom asked for just before starts on the next animation
// frame and ends on its own target: either way a city imported just after the page framed the
// previous one stayed on the previous view.
import type { Map as LeafletMap } from 'leaflet';

/** True while Leaflet animates a zoom (its own flag; no public API says so). */
export function zoomAnimating(map: LeafletMap): boolean {
	return (map as unknown as { _animatingZoom?: boolean })._animatingZoom === true;
}

/**
 * Runs `change` (a view change without animation) so that it is the map's last word: now if no
 * zoom animation runs, else once it has ended; and again after an animation that was already
 * scheduled (it starts on the next animation frame, before ours) and would end elsewhere.
 */
export function whenStill(map: LeafletMap, change: () => void): void {
	if (zoomAnimating(map)) {
		map.once('zoomend', () => whenStill(map, change));
		return;
	}
	change();
	const stale = () => map.once('zoomend', () => whenStill(map, change));
	map.once('zoomanim', stale);
	// Leaflet starts a scheduled animation in a frame callback queued before this one
	requestAnimationFrame(() => map.off('zoomanim', stale));
}
