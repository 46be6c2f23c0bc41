// The hover label over a vehicle or pedestrian: its name, speed and the last message the map saw
// it send. Text only (textContent): in Live mode names come from a broker.
import { KIND_NAMES } from './colors';
import type { FrameMessage } from './frame';
import { nodeKind, nodeName } from '../sim/nodes';

/** The label's lines for node `id` in frame `f`: name, speed in km/h (vehicles), last message type. */
export function hoverLines(id: number, f: FrameMessage | null, lastType: string | undefined, label: (type: string) => string): string[] {
	const lines: string[] = [];
	if (nodeKind(id) === 'vehicle') {
		const i = f ? f.vehicles.id.indexOf(id) : -1;
		lines.push(nodeName(id, { subKind: i >= 0 ? KIND_NAMES[f!.vehicles.kind[i]] : undefined }));
		// the snapshot's speed is m/s
		if (i >= 0) lines.push(`${Math.round(f!.vehicles.speed[i] * 3.6)} km/h`);
	} else {
		const u = f?.vrus.find((p) => p.id === id);
		lines.push(nodeName(id, { subKind: u?.kind }));
	}
	if (lastType) lines.push(label(lastType));
	return lines;
}

/** A label floating over the map's container, filled as text. */
export class HoverLabel {
	readonly el: HTMLDivElement;

	constructor(container: HTMLElement) {
		this.el = document.createElement('div');
		this.el.className = 'map-hover-label';
		this.el.dataset.testid = 'map-hover';
		Object.assign(this.el.style, {
			position: 'absolute', zIndex: '650', pointerEvents: 'none', display: 'none', background: 'rgb(33 37 41 / 0.88)', color: '#fff',
			font: '12px/1.35 system-ui, sans-serif', padding: '4px 8px', borderRadius: '6px', whiteSpace: 'pre'
		});
		container.appendChild(this.el);
	}

	/** Shows `lines` just above and right of the container point (x, y). */
	show(x: number, y: number, lines: string[]): void {
		const text = lines.join('\n');
		if (this.el.textContent !== text) this.el.textContent = text;
		this.el.style.left = `${Math.round(x + 12)}px`;
		this.el.style.top = `${Math.round(y - 14 - 17 * lines.length)}px`;
		this.el.style.display = 'block';
	}

	hide(): void {
		this.el.style.display = 'none';
	}

	remove(): void {
		this.el.remove();
	}
}
