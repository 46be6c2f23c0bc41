import { describe, expect, it } from 'vitest';
import { boxesOverlap, placeLabels, straightRuns, uprightAngle, type PlacedLabel, type StreetLine } from './label-placement';

const view = { left: 0, top: 0, right: 1000, bottom: 800 };
const measure = (text: string) => text.length * 7;
const opts = { view, measure, height: 14 };

function box(l: PlacedLabel) {
	const r = (l.angle * Math.PI) / 180;
	const [c, s] = [Math.cos(r), Math.sin(r)];
	return [
		[-l.width / 2, -l.height / 2],
		[l.width / 2, -l.height / 2],
		[l.width / 2, l.height / 2],
		[-l.width / 2, l.height / 2]
	].map(([u, v]) => ({ x: l.x + u * c - v * s, y: l.y + u * s + v * c }));
}

describe('street label placement', () => {
	it('text reads upright whichever way the road was drawn', () => {
		expect(uprightAngle({ x: 0, y: 0 }, { x: 10, y: 0 })).toBeCloseTo(0);
		expect(uprightAngle({ x: 10, y: 0 }, { x: 0, y: 0 })).toBeCloseTo(0);
		expect(uprightAngle({ x: 0, y: 0 }, { x: -10, y: -10 })).toBeCloseTo(45);
		expect(uprightAngle({ x: 0, y: 10 }, { x: 0, y: 0 })).toBeCloseTo(90);
		expect(uprightAngle({ x: 0, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(90);
		for (let a = -360; a < 360; a += 7) {
			const r = (a * Math.PI) / 180;
			const deg = uprightAngle({ x: 0, y: 0 }, { x: Math.cos(r), y: Math.sin(r) });
			expect(deg).toBeGreaterThan(-90);
			expect(deg).toBeLessThanOrEqual(90);
		}
	});

	it('cuts a bent line into straight stretches', () => {
		const l = [
			{ x: 0, y: 0 },
			{ x: 50, y: 1 },
			{ x: 100, y: 0 },
			{ x: 100, y: 100 }
		];
		expect(straightRuns(l)).toEqual([
			[l[0], l[2]],
			[l[2], l[3]]
		]);
	});

	it('places a label along the road, centred on it, only where the text fits', () => {
		const street: StreetLine = { text: 'Main Street', points: [{ x: 100, y: 700 }, { x: 700, y: 100 }], rank: 1 };
		const [l, ...rest] = placeLabels([street], opts);
		expect(rest.length).toBeGreaterThanOrEqual(0);
		expect(l.angle).toBeCloseTo(-45);
		// on the line x + y = 800
		expect(l.x + l.y).toBeCloseTo(800);
		expect(placeLabels([{ ...street, points: [{ x: 100, y: 100 }, { x: 150, y: 100 }] }], opts)).toEqual([]);
	});

	it('repeats a long street only far apart, keeps labels inside the view and apart from each other', () => {
		const streets: StreetLine[] = [
			{ text: 'Long Avenue', points: [{ x: -500, y: 400 }, { x: 1500, y: 400 }], rank: 2 },
			{ text: 'Cross Street', points: [{ x: 500, y: -100 }, { x: 500, y: 900 }], rank: 1 },
			{ text: 'Cross Street', points: [{ x: 520, y: -100 }, { x: 520, y: 900 }], rank: 1 },
			{ text: 'Diagonal Road', points: [{ x: 0, y: 0 }, { x: 1000, y: 800 }], rank: 1 }
		];
		const labels = placeLabels(streets, opts);
		expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['Long Avenue', 'Cross Street', 'Diagonal Road']));
		for (const l of labels) for (const p of box(l)) expect(p.x >= 0 && p.x <= 1000 && p.y >= 0 && p.y <= 800).toBe(true);
		for (let i = 0; i < labels.length; i++)
			for (let j = i + 1; j < labels.length; j++) {
				expect(boxesOverlap(box(labels[i]), box(labels[j])), `${labels[i].text} / ${labels[j].text}`).toBe(false);
				if (labels[i].text === labels[j].text) expect(Math.hypot(labels[i].x - labels[j].x, labels[i].y - labels[j].y)).toBeGreaterThanOrEqual(320);
			}
		// the same input gives the same labels
		expect(placeLabels(streets, opts)).toEqual(labels);
	});

	it('keeps out of the areas to avoid (panels over the map)', () => {
		const street: StreetLine = { text: 'Main Street', points: [{ x: 0, y: 400 }, { x: 1000, y: 400 }], rank: 1 };
		const free = placeLabels([street], opts);
		expect(free.length).toBeGreaterThan(0);
		const avoid = [{ left: 0, top: 350, right: 1000, bottom: 395 }];
		expect(placeLabels([street], { ...opts, avoid })).toEqual([]);
		const half = placeLabels([street], { ...opts, avoid: [{ left: 0, top: 350, right: 500, bottom: 450 }] });
		expect(half.length).toBeGreaterThan(0);
		for (const l of half) expect(l.x - l.width / 2).toBeGreaterThan(500);
	});

	it('tells overlapping rotated boxes from ones that only look close', () => {
		const a = box({ text: '', x: 0, y: 0, angle: 45, width: 100, height: 10 });
		const near = box({ text: '', x: 40, y: -40, angle: 45, width: 100, height: 10 });
		const crossing = box({ text: '', x: 0, y: 0, angle: -45, width: 100, height: 10 });
		expect(boxesOverlap(a, near)).toBe(false);
		expect(boxesOverlap(a, crossing)).toBe(true);
	});
});
