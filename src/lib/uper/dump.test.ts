// The bit dump: its leaves tile every input (real frames, random values of every profile,
// damaged bytes), and the fields a learner looks for carry their meaning.
import { describe, expect, it } from 'vitest';
import { dumpLeaves, dumpUper, type UperDump, type UperDumpNode } from './dump';
import type { MessageFrame } from '../codec';
import { sampleFrame } from '../samples';
import { encodeUperFrame } from './frame';
import { decode, encode } from './index';
import { MessageContext, uperFieldMeaning } from '../meaning';
import { fromModel } from './mapping';
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

/** The sample MAP with `n` copies of its node, each with its own refPos (1e-4° further north each). */
function mapOfNodes(n: number): MessageFrame {
	const f = sampleFrame('map_data');
	const m = f.mapData as unknown as { nodes: { refPos: { lat: number } }[] };
	const node = m.nodes[0];
	m.nodes = Array.from({ length: n }, (_, i) => ({ ...structuredClone(node), id: { id: i + 1 }, refPos: { ...node.refPos, lat: node.refPos.lat + i * 1000 } }));
	return f;
}

describe('meanings and partial decodes (issue 12)', () => {
	// the EEBL lesson's BSM, mapped to T/CSAE 53-2020 and encoded
	const frame = sampleFrame('bsm');
	(frame.bsm as unknown as Record<string, unknown>).safetyExt = { events: 128 };
	const set = profile('csae53-2020').schema;
	const whole = encodeUperFrame(fromModel(frame, 'csae53-2020').value, 'csae53-2020');

	it('fields carry their meaning in both languages; the existing texts stay', () => {
		const d = dumpUper('MessageFrame', whole, set, { meaning: { year: 2026 } });
		expect(find(d.root, 'bsmFrame.safetyExt.events')?.meanings).toEqual({ en: 'hardBraking', zh: '急刹车' });
		expect(find(d.root, 'bsmFrame.vehicleClass.classification')?.meanings?.en).toBe('passenger vehicle, type unknown (10)');
		expect(find(d.root, 'bsmFrame.transmission')?.meanings?.en).toBe('forwardGears (2)');
		expect(find(d.root, 'bsmFrame.pos.lat')).toMatchObject({ meaning: '39.7805100 deg', meanings: { en: '39.7805100° N' } });
		expect(find(d.root, 'bsmFrame.speed')?.meanings?.en).toBe('12.00 m/s (43.2 km/h)');
	});

	it.each(['bsm', 'map_data', 'spat', 'rsi', 'rsm', 'map of 3 nodes'])('%s: the meanings equal one MessageContext over the whole trace (the per-refPos scopes change nothing)', (type) => {
		const bytes = encodeUperFrame(fromModel(type === 'map of 3 nodes' ? mapOfNodes(3) : sampleFrame(type), 'csae53-2020').value, 'csae53-2020');
		const want = new Map<string, string | undefined>();
		const mc = new MessageContext({ year: 2026 });
		decode('MessageFrame', bytes, set, { trace: (t) => void (!t.leaf && want.set(t.path, uperFieldMeaning(t.path, t.value as never, t.typeName, t.typeName ? set.types[t.typeName] : undefined, mc)?.en)) });
		const got = new Map<string, string | undefined>();
		const walk = (n: UperDumpNode) => {
			if (want.has(n.path) && !got.has(n.path) && (n.role === 'field' || n.role === 'value' || n.role === 'enum-index')) got.set(n.path, n.meanings?.en);
			n.children?.forEach(walk);
		};
		walk(dumpUper('MessageFrame', bytes, set, { meaning: { year: 2026 } }).root);
		expect([...want].filter(([, m]) => m).length).toBeGreaterThan(3);
		for (const [path, m] of want) if (got.has(path)) expect(got.get(path), path).toBe(m);
		expect(got.size).toBeGreaterThan(want.size / 2);
		if (type === 'map of 3 nodes') expect(new Set([0, 1, 2].map((i) => [...got].find(([p, m]) => m && p.startsWith(`mapFrame.nodes[${i}].`) && /offsetLL$/.test(p))?.[1])).size).toBe(3);
	});

	it.each([...Array(whole.length - 1).keys()].map((i) => i + 1))('cut at %i octets: the fields before, the interrupted one malformed with its bit offset, the rest unread inside it', (cut) => {
		const d = dumpUper('MessageFrame', whole.subarray(0, cut), set);
		expect(d.error).toBeDefined();
		expectTiles(d, `cut ${cut}`);
		const bad: UperDumpNode[] = [];
		const walk = (n: UperDumpNode) => (n.malformed ? bad.push(n) : undefined, n.children?.forEach(walk));
		walk(d.root);
		expect(bad.length).toBe(1);
		expect(bad[0].path).toBe(d.error!.path);
		expect(bad[0].malformed!.en).toBe(d.error!.message);
		expect(bad[0].malformed!.zh).toMatch(new RegExp(`比特偏移 ${d.error!.bitOffset}`));
		// cut on a field's boundary, nothing of it is left to read: the interrupted field is empty
		if (d.bits < cut * 8) expect(bad[0].children!.at(-1)).toMatchObject({ role: 'unread', bitOffset: d.bits, bitWidth: cut * 8 - d.bits });
		else expect(dumpLeaves(d.root).some((l) => l.role === 'unread')).toBe(false);
		expect(bad[0].bitOffset + bad[0].bitWidth).toBe(cut * 8);
		if (cut >= 3) expect(find(d.root, 'bsmFrame.msgCnt')?.value).toBe('23');
		if (cut >= 3) expect(find(d.root, 'bsmFrame')?.children?.[0].role).toBe('extension-bit');
	});

	it('a choice index outside its constraint is a violation, marked on the unread rest when the top level breaks', () => {
		const bad = whole.slice();
		bad[0] = (bad[0] & 0x8f) | 0x70; // MessageFrame's 3-bit choice index = 7: not an alternative
		const d = dumpUper('MessageFrame', bad, set);
		expect(d.error?.code).toBe('out_of_range');
		expectTiles(d, 'bad choice');
		const last = dumpLeaves(d.root).at(-1)!;
		expect(last.role).toBe('unread');
		expect(last.malformed?.en).toBe(d.error!.message);
		expect(last.violation).toEqual({ en: `value outside its constraint: ${d.error!.message}`, zh: `取值超出约束范围：${d.error!.message}` });
	});
});
