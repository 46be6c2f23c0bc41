// Pinned digests of each scenario's first 15 s: transmissions byte for byte, and each alert's
// time, node, application, level and cause (not its wording, which may be reworded or
// translated). A change in behaviour changes a pin; update it on purpose, saying why.
import { describe, expect, test } from 'vitest';
import { StreamDigest } from '../sim';
import { createScenarioWorld, SCENARIOS } from './index';

const PINNED: Record<string, string> = {
	eebl: 'b82c13a7e6aad276',
	icw: 'ee95c155d0d2aa68',
	glosa: '2dda6d618537d8ac',
	rlvw: 'feab324c00bd74f9',
	vru: '68930d570d712d46',
	evw: '3d0d55cfbffd2e8c',
	roadworks: '833b4675bb7fbbaa',
	'cloud-hazard': '25fce7e52cc9dc7e'
};

function runDigest(id: string): string {
	const { world } = createScenarioWorld(id);
	const digest = new StreamDigest();
	for (let i = 0; i < 150; i++) {
		world.step();
		for (const e of world.drainEvents()) {
			if (e.kind === 'alert') digest.text(`alert|${e.t}|${e.node}|${e.app}|${e.level}|${e.cause ?? ''}`);
			else digest.event(e);
		}
	}
	return digest.hex();
}

describe('pinned scenario digests', () => {
	test('every scenario is pinned', () => {
		expect(Object.keys(PINNED).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
	});
	for (const id of Object.keys(PINNED))
		test(id, () => {
			expect(runDigest(id), `${id}: behaviour changed; if on purpose, update the pin`).toBe(PINNED[id]);
		});
});
