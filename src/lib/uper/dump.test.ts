// The bit dump: its leaves tile every input (real frames, random values of every profile,
// damaged bytes), and the fields a learner looks for carry their meaning.
import { describe, expect, it } from 'vitest';
import { dumpLeaves, dumpUper, type UperDump, type UperDumpNode } from './dump';
import { encode } from './index';
import { profile, profileNames } from './profiles/index';
import { arbitraryValue } from './testing/arbitrary';
import { GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable } from './testing/samples';

/** Leaves in order cover [0, 8·length) with no gap and no overlap; every field holds its children's bits exactly. */
function expectTiles(d: UperDump, what: string): void {
	let at = 0;
	for (const l of dumpLeaves(d.root)) {
		expect(l.bitOffset, `${what}: leaf ${l.path} (${l.role})`).toBe(at);
		at += l.bitWidth;
	}
	expect(at, what).toBe(Math.max(8, d.bytes.length * 8));
	const nested = (n: UperDumpNode) => {
		if (!n.children?.length) return;
		expect(n.children[0].bitOffset, `${what}: ${n.path}`).toBe(n.bitOffset);
		const last = n.children[n.children.length - 1];
		expect(last.bitOffset + last.bitWidth, `${what}: ${n.path}`).toBe(n.bitOffset + n.bitWidth);
		n.children.forEach(nested);
	};
	nested(d.root);
}

function find(root: UperDumpNode, path: string): UperDumpNode | undefined {
	if (root.path === path && root.role !== 'preamble' && root.role !== 'extension-bit') return root;
	for (const c of root.children ?? []) {
		const f = find(c, path);
		if (f) return f;
	}
	return undefined;
}

const skipSamples = samplesUnavailable();

describe.skipIf(skipSamples)(`bit dump of the real frames${skipSamples ? ` (skipped: ${skipSamples})` : ''}`, () => {
	it.each(GOLDEN_FRAMES.map((f) => [f.name, f] as const))('%s: leaves tile the input, no error', (_, f) => {
		const bytes = fromHex(readSampleHex(f.file));
		const d = dumpUper('MessageFrame', bytes, profile(f.profile as never).schema);
		expect(d.error).toBeUndefined();
		expectTiles(d, f.name);
		expect(d.root.children?.some((c) => c.role === 'choice-index' && c.value === f.alternative)).toBe(true);
	});

	it('bsm1: the 4 bits that say "BSM", the 31 bits of the latitude with degrees, the speed in m/s', () => {
		const d = dumpUper('MessageFrame', fromHex(readSampleHex('bsm1.uper.hex')), profile('csae53-2020-draft').schema);
		const [ext, index] = d.root.children!;
		expect([ext.role, ext.bitOffset, ext.bitWidth]).toEqual(['extension-bit', 0, 1]);
		expect([index.role, index.bitOffset, index.bitWidth, index.value]).toEqual(['choice-index', 1, 3, 'bsmFrame']);
		const lat = find(d.root, 'bsmFrame.pos.lat')!;
		expect(lat).toMatchObject({ role: 'value', typeName: 'Latitude', bitWidth: 31, value: '399764645', meaning: '39.9764645 deg', unit: '1e-7 deg' });
		expect(find(d.root, 'bsmFrame.speed')).toMatchObject({ typeName: 'Speed', bitWidth: 13, meaning: '0.00 m/s' });
		expect(find(d.root, 'bsmFrame.transmission')).toMatchObject({ role: 'enum-index', value: 'unavailable' });
		const pos = find(d.root, 'bsmFrame.pos')!;
		expect(pos.children![0]).toMatchObject({ role: 'preamble', bitWidth: 1, value: '1', meaning: 'present: elevation' });
		expect(ext.value).toBe('0');
		// the id is 8 octets; the RSU's are printable text, the vehicle's not necessarily
		expect(find(d.root, 'bsmFrame.id')!.value).toMatch(/^[0-9a-f]{16}$/);
		expect(d.root.children!.at(-1)!.role).toBe('trailing');
	});
});

describe('bit dump of random values', () => {
	it.each(profileNames())('%s: 40 random MessageFrames tile, every length and index labelled', (name) => {
		const set = profile(name).schema;
		for (let seed = 1; seed <= 40; seed++) {
			const bytes = encode('MessageFrame', arbitraryValue(set, 'MessageFrame', seed * 7919), set);
			const d = dumpUper('MessageFrame', bytes, set);
			expect(d.error, `${name} seed ${seed}`).toBeUndefined();
			expectTiles(d, `${name} seed ${seed}`);
			for (const l of dumpLeaves(d.root)) expect(l.name, `${name} seed ${seed} ${l.path}`).not.toBe('');
		}
	});

	it('damaged bytes: the error names the bit offset and the path, the tree still tiles (unread bits last)', () => {
		const set = profile('csae53-2020').schema;
		const bytes = encode('MessageFrame', arbitraryValue(set, 'MessageFrame', 3), set);
		const cut = bytes.subarray(0, Math.max(1, bytes.length >> 1));
		const d = dumpUper('MessageFrame', cut, set);
		if (d.error) {
			expect(d.error.bitOffset).toBeGreaterThanOrEqual(0);
			expect(d.error.message).toMatch(/bit offset \d+/);
			expect(dumpLeaves(d.root).at(-1)!.role).toBe('unread');
		}
		expectTiles(d, 'cut');
		const junk = dumpUper('MessageFrame', Uint8Array.of(0xff, 0xff, 0xff), set);
		expect(junk.error).toBeDefined();
		expectTiles(junk, 'junk');
	});
});
