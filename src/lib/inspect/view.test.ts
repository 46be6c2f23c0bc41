// The protobuf view (issue 12): meanings on the rows, validation findings on their own row,
// and partial decodes of truncated or corrupt frames (rows up to the failure, the bad field
// malformed, one raw row for the rest, rows tiling the input).
import { describe, expect, it } from 'vitest';
import { dumpMessage, encodeFrame, frameTypes, messageIndex, schema, type DumpNode, type MessageFrame } from '../codec';
import { MessageContext, protoRowMeaning } from '../meaning';
import { sampleFrame } from '../samples';
import { buildView, parentPath, type FieldRow, type InspectView } from './view';

/** The EEBL lesson's BSM: the sample with the hard-braking flag. */
function eeblBsm(): MessageFrame {
	const f = sampleFrame('bsm');
	(f.bsm as unknown as Record<string, unknown>).safetyExt = { events: 128 };
	return f;
}

/** The sample MAP with `n` copies of its node, each with its own refPos (1e-4° further north each). */
function mapOfNodes(n: number): MessageFrame {
	const f = sampleFrame('map_data');
	const m = f.mapData as unknown as { nodes: { refPos: { lat: number } }[] };
	const node = m.nodes[0];
	m.nodes = Array.from({ length: n }, (_, i) => ({ ...structuredClone(node), id: { id: i + 1 }, refPos: { ...node.refPos, lat: node.refPos.lat + i * 1000 } }));
	return f;
}

const rowAt = (v: InspectView, path: string): FieldRow | undefined => v.rows.find((r) => r.path === path);

/** Top-level rows cover [0, length) in order, each row's children cover its value exactly, every byte has an owner. */
function expectTiles(v: InspectView, what: string): void {
	const kids = new Map<number | undefined, FieldRow[]>();
	for (const r of v.rows) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
	const check = (list: FieldRow[], from: number, to: number, where: string) => {
		let at = from;
		for (const r of list) {
			expect(r.start, `${what}: ${r.path} (${where})`).toBe(at);
			at = r.end;
		}
		expect(at, `${what}: end of ${where}`).toBe(to);
	};
	check(kids.get(undefined) ?? [], 0, v.bytes.length, 'top');
	for (const r of v.rows) {
		const list = kids.get(r.id);
		if (list) check(list, r.valueStart, r.end, r.path);
		if (r.parent !== undefined) expect(v.rows[r.parent].depth, r.path).toBe(r.depth - 1);
	}
	expect([...v.owner].every((o) => o >= 0), `${what}: every byte owned`).toBe(true);
}

describe('meanings on the protobuf rows', () => {
	it('EEBL: hardBraking, the gear by name, the class by name, positions in degrees', () => {
		const v = buildView(encodeFrame(eeblBsm()));
		expect(rowAt(v, 'bsm.safety_ext.events')?.meaning).toEqual({ en: 'hardBraking', zh: '急刹车' });
		expect(rowAt(v, 'bsm.transmission')?.meaning?.en).toBe('FORWARD_GEARS (3)');
		expect(rowAt(v, 'bsm.vehicle_class.classification')?.meaning?.en).toBe('passenger vehicle, type unknown (10)');
		expect(rowAt(v, 'bsm.pos.lat')?.meaning?.zh).toMatch(/^北纬 39\.78/);
		// the existing texts stay
		expect(rowAt(v, 'bsm.speed')?.physical).toBe('12.00 m/s (43.2 km/h)');
		expect(v.partial).toBeUndefined();
		expectTiles(v, 'eebl');
	});

	it('RSI: the id as text, the event type, the minute of the year in the year of the reference time', () => {
		const bytes = encodeFrame(sampleFrame('rsi'));
		const v = buildView(bytes, { referenceMs: Date.UTC(2025, 5, 1) });
		expect(rowAt(v, 'rsi.id')?.meaning?.en).toBe('"YZ1001RS"');
		expect(rowAt(v, 'rsi.rtes[0].event_type')?.meaning).toEqual({ en: 'road works (401)', zh: '道路施工 (401)' });
		expect(rowAt(v, 'rsi.moy')?.meaning?.en).toMatch(/\(assuming 2025\)$/);
		expect(buildView(bytes, { year: 2026 }).rows.find((r) => r.path === 'rsi.moy')?.meaning?.en).toMatch(/\(assuming 2026\)$/);
		expect(rowAt(v, 'rsi.rtes[0].event_pos')?.meaning?.en).toMatch(/m north, .* m east → 39\.\d+° N, 116\.\d+° E$/);
	});

	it.each([...frameTypes().map((t) => t.name), 'map of 3 nodes'])('sample %s: the meanings equal one MessageContext over the whole frame (the per-refPos scopes change nothing)', (type) => {
		const bytes = encodeFrame(type === 'map of 3 nodes' ? mapOfNodes(3) : sampleFrame(type));
		const mc = new MessageContext({ year: 2026 });
		const want: [string, string | undefined][] = [];
		const walk = (node: DumpNode, parentType: string | null) => {
			for (const c of node.children ?? []) {
				const meta = parentType && schema.messages[parentType] && !c.unknown ? messageIndex(parentType).byNumber.get(c.field) : undefined;
				want.push([c.path, protoRowMeaning(meta, c, mc)?.en]);
				walk(c, meta?.kind === 'message' ? meta.type : null);
			}
		};
		walk(dumpMessage(bytes).root, schema.frame);
		// each node's offsets are from its own refPos
		const firstOffset = (i: number) => want.find(([p, m]) => m && p.startsWith(`map_data.nodes[${i}].`) && p.endsWith('lat_offset'))?.[1];
		if (type === 'map of 3 nodes') expect(new Set([0, 1, 2].map(firstOffset)).size).toBe(3);
		expect(buildView(bytes, { year: 2026 }).rows.map((r) => [r.path, r.meaning?.en])).toEqual(want);
	});

	it('rows know their parent', () => {
		const v = buildView(encodeFrame(eeblBsm()));
		const lat = rowAt(v, 'bsm.pos.lat')!;
		expect(v.rows[lat.parent!].path).toBe('bsm.pos');
		expect(v.rows[v.rows[lat.parent!].parent!].path).toBe('bsm');
		expect(rowAt(v, 'bsm')!.parent).toBeUndefined();
	});
});

describe('validation findings on their own row', () => {
	it('a speed out of range is marked on bsm.speed with the rule, in both languages', () => {
		const f = eeblBsm();
		(f.bsm as unknown as Record<string, unknown>).speed = 9000;
		const v = buildView(encodeFrame(f, { validate: false }));
		const speed = rowAt(v, 'bsm.speed')!;
		expect(speed.violation?.en).toBe('bsm.speed: 9000 out of range 0..8191 (unit 0.02 m/s; 8191 = unavailable)');
		expect(speed.violation?.zh).toBe('bsm.speed：9000 超出范围 0..8191（单位 0.02 m/s；8191 表示不可用）');
		expect(v.rows.filter((r) => r.violation).map((r) => r.path)).toEqual(['bsm.speed']);
		expect(v.violations).toEqual([{ path: 'bsm.speed', text: speed.violation, row: speed.id }]);
	});

	it('a frame without payload: the finding has no row', () => {
		const v = buildView(encodeFrame({ protocolVersion: 1 } as MessageFrame, { validate: false }));
		expect(v.violations?.map((x) => [x.path, x.row])).toEqual([['payload', undefined]]);
		expect(v.rows.some((r) => r.violation)).toBe(false);
	});

	it('a finding without a row of its own goes to the nearest ancestor', () => {
		expect(parentPath('map_data.nodes[2].lanes[0].lane_id')).toBe('map_data.nodes[2].lanes[0]');
		expect(parentPath('map_data.nodes[2]')).toBe('map_data.nodes');
		expect(parentPath('map_data')).toBe('');
		// an enum value outside the enum on a packed repeated field: the element's row
		const f = sampleFrame('bsm');
		(f.bsm as unknown as Record<string, unknown>).transmission = 99;
		const v = buildView(encodeFrame(f, { validate: false }));
		expect(rowAt(v, 'bsm.transmission')?.violation?.en).toMatch(/99 is not a value of enum/);
	});
});

describe('partial decodes of a truncated BSM', () => {
	const whole = encodeFrame(eeblBsm());

	it.each([...Array(whole.length - 1).keys()].map((i) => i + 1))('cut at %i bytes: rows up to the cut, the bad field malformed, rows tile the input', (cut) => {
		const bytes = whole.slice(0, cut);
		const v = buildView(bytes);
		expect(v.raw).toBe(false);
		expectTiles(v, `cut ${cut}`);
		const malformed = v.rows.filter((r) => r.malformed);
		if (cut === 2) {
			// `08 01`: a whole frame with only its version, which carries no message
			expect(v.error).toBeUndefined();
			expect(v.violations?.[0].path).toBe('payload');
			return;
		}
		expect(v.partial).toBe(true);
		expect(v.error?.code).toBe('truncated');
		expect(malformed.length).toBeGreaterThan(0);
		for (const m of malformed) {
			expect(m.malformed!.en).toMatch(/\(byte offset \d+\)$/);
			expect(m.malformed!.zh).toMatch(/字节偏移 \d+/);
		}
		if (cut >= 2) expect(rowAt(v, 'protocol_version')?.value).toBe('1');
		if (cut >= 6) expect(rowAt(v, 'bsm.msg_cnt')?.value).toBe('23');
		if (cut >= 4) expect(rowAt(v, 'bsm')?.malformed?.en).toBe(`length prefix says ${whole[3]} bytes but only ${cut - 4} remain at bsm (byte offset 3)`);
		for (const r of v.rows.filter((x) => x.raw)) expect(r.end).toBe(cut);
	});

	it('a corrupt field inside a sound message: raw to that message\'s end, the fields after it still read', () => {
		const bytes = whole.slice();
		const lonTag = 27; // bsm.pos.lon's tag (0x15) -> 0x00: field number 0
		expect(bytes[lonTag]).toBe(0x15);
		bytes[lonTag] = 0;
		const v = buildView(bytes);
		expect(v.partial).toBe(true);
		expect(v.error?.code).toBe('bad_tag');
		expectTiles(v, 'corrupt');
		const raw = v.rows.find((r) => r.raw)!;
		expect(raw).toMatchObject({ start: lonTag, end: rowAt(v, 'bsm.pos')!.end, path: 'bsm.pos' });
		expect(raw.malformed?.en).toBe('field number 0 is invalid at bsm.pos (byte offset 27)');
		expect(raw.malformed?.zh).toBe('字段编号 0 无效，位置 bsm.pos（字节偏移 27）');
		expect(rowAt(v, 'bsm.pos.lat')?.meaning?.en).toMatch(/° N$/);
		expect(rowAt(v, 'bsm.speed')?.meaning?.en).toBe('12.00 m/s (43.2 km/h)');
		expect(rowAt(v, 'bsm.safety_ext.events')?.meaning?.en).toBe('hardBraking');
	});

	it('bytes that are not a frame still get the schema-less decode', () => {
		const v = buildView(Uint8Array.of(0xff, 0xff, 0xff));
		expect(v.raw).toBe(true);
		expect(v.error).toBeDefined();
		// what the schema-less decode could not read is one raw row, marked
		expect(v.rows).toMatchObject([{ raw: true, start: 0, end: 3, malformed: { en: v.error!.message } }]);
		expectTiles(v, 'not a frame');
		// a field of field number 2 (not in the frame) then junk: the field, then the rest
		const w = buildView(Uint8Array.of(0x9a, 0x7f, 0x01, 0x61, 0xff));
		expect(w.raw).toBe(true);
		expect(w.rows.map((r) => [r.start, r.end, !!r.raw])).toEqual([[0, 4, false], [4, 5, true]]);
	});
});

describe('names of repeated elements', () => {
	it('each element row carries its index, as Wireshark names it; other rows keep the field name', () => {
		const v = buildView(encodeFrame(mapOfNodes(3)));
		expect(['map_data.nodes[0]', 'map_data.nodes[2]'].map((p) => rowAt(v, p)?.name)).toEqual(['nodes[0]', 'nodes[2]']);
		expect(rowAt(v, 'map_data.nodes[1].ref_pos')?.name).toBe('ref_pos');
		const rsi = buildView(encodeFrame(sampleFrame('rsi')));
		expect(rowAt(rsi, 'rsi.rtes[0]')?.name).toBe('rtes[0]');
		expect(rsi.rows.filter((r) => r.path.endsWith(']')).every((r) => r.path.endsWith(`.${r.name}`))).toBe(true);
	});
});
