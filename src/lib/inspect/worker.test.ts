// The inspect worker's logic without a Worker: the session answers newest first and as plain
// data (what structuredClone keeps), the client supersedes and stops a busy worker.
import { describe, expect, it } from 'vitest';
import { encodeFrame, frameJson, toHex } from '../codec';
import { sampleFrame } from '../samples';
import { readAs } from './reading';
import { encodeJson, findings } from './editor';
import { encode } from '../uper';
import { compileUserSchema, withRoot } from './user-schema';
import { InspectClient, InspectWorkerError, isSuperseded, WORKER_THRESHOLD_BYTES, type WorkerLike } from './worker';
import { answer, InspectSession, MAX_FINDINGS_SENT, ROWS_PER_PAGE, sendable, type InspectReply, type InspectRequest } from './worker-session';

const bsm = encodeFrame(sampleFrame('bsm'));

/** A session whose `later` runs only when the test says, so queued requests can pile up. */
function manualSession() {
	const replies: InspectReply[] = [];
	const queue: (() => void)[] = [];
	const session = new InspectSession({ post: (m) => replies.push(structuredClone(m)), later: (fn) => queue.push(fn) });
	return { session, replies, flush: () => queue.splice(0).forEach((fn) => fn()) };
}

/** A user's set whose messages can be big: a log of up to 4,096 entries of 33 bits. */
const LOG_SET = [{ name: 'log.asn', text: `Logs DEFINITIONS AUTOMATIC TAGS ::= BEGIN
	Log ::= SEQUENCE { entries SEQUENCE (SIZE(1..4096)) OF Entry }
	Entry ::= SEQUENCE { n INTEGER (0..4294967295), ok BOOLEAN }
END
` }];

describe('the inspect worker session', () => {
	it('answers with the same reading as readAs, and it survives structuredClone', () => {
		const r = answer({ kind: 'read', id: 1, bytes: bsm });
		expect(r.kind).toBe('reading');
		const cloned = structuredClone(r) as Extract<InspectReply, { kind: 'reading' }>;
		const direct = readAs(bsm);
		expect(cloned.reading.encoding).toBe(direct.encoding);
		expect(cloned.reading.view!.rows).toEqual(direct.view!.rows);
		expect(cloned.reading.view!.owner).toEqual(direct.view!.owner);
		expect(cloned.reading.view!.json).toBe(direct.view!.json);
		expect(cloned.reading.detection).toEqual(direct.detection);
	});

	it('keeps the errors\' fields as plain data (code, byte offset, path, key for the other language)', () => {
		const r = answer({ kind: 'read', id: 2, bytes: bsm.slice(0, 20) });
		const cloned = structuredClone(r) as Extract<InspectReply, { kind: 'reading' }>;
		const e = cloned.reading.view!.error!;
		expect({ code: e.code, offset: e.offset, path: e.path, key: e.detail?.key }).toEqual({ code: 'truncated', offset: 3, path: 'bsm', key: 'lengthPrefix' });
		expect(e.message).toMatch(/byte offset 3/);
		expect(cloned.reading.view!.rows.some((x) => x.malformed)).toBe(true);
	});

	it('reads pasted text: its bytes, its format, their reading; text that is neither hex nor base64 fails with the codec\'s error', () => {
		const r = answer({ kind: 'paste', id: 3, text: toHex(bsm, ' ') });
		expect(r).toMatchObject({ kind: 'reading', id: 3, format: 'hex' });
		expect(r.kind === 'reading' && toHex(r.bytes!)).toBe(toHex(bsm));
		const bad = structuredClone(answer({ kind: 'paste', id: 4, text: '' }));
		expect(bad).toMatchObject({ kind: 'failed', id: 4, error: { code: 'empty_input' } });
	});

	it('a burst of requests costs one decode: the newest', () => {
		const { session, replies, flush } = manualSession();
		for (let id = 1; id <= 3; id++) session.handle({ kind: 'read', id, bytes: bsm.slice(0, 10 * id) });
		flush();
		expect(replies.map((r) => r.id)).toEqual([3]);
		session.handle({ kind: 'read', id: 4, bytes: bsm });
		flush();
		expect(replies.map((r) => r.id)).toEqual([3, 4]);
	});
});

/** A fake Worker running the session on a manual queue, recording terminations. */
function fakeWorkers() {
	const spawned: { worker: WorkerLike; terminated: boolean; run: () => void; crash: (m: string) => void }[] = [];
	const spawn = (): WorkerLike => {
		const queue: (() => void)[] = [];
		const entry = { terminated: false } as (typeof spawned)[number];
		const session = new InspectSession({ post: (m) => !entry.terminated && worker.onmessage?.({ data: structuredClone(m) }), later: (fn) => queue.push(fn) });
		const worker: WorkerLike = {
			postMessage: (m: InspectRequest) => session.handle(structuredClone(m)),
			terminate: () => void (entry.terminated = true),
			onmessage: null,
			onerror: null
		};
		Object.assign(entry, { worker, run: () => queue.splice(0).forEach((fn) => fn()), crash: (message: string) => worker.onerror?.({ message }) });
		spawned.push(entry);
		return worker;
	};
	return { spawn, spawned };
}

describe('the inspect worker client', () => {
	it('resolves a read with the reading', async () => {
		const { spawn, spawned } = fakeWorkers();
		const client = new InspectClient(spawn);
		const p = client.read(bsm, { year: 2026 });
		spawned[0].run();
		const r = await p;
		expect(r.view!.rows.find((x) => x.path === 'bsm.speed')?.meaning?.en).toBe('12.00 m/s (43.2 km/h)');
	});

	it('a newer request supersedes a busy one: its promise rejects, the busy worker is stopped, the newer one answers', async () => {
		const { spawn, spawned } = fakeWorkers();
		const client = new InspectClient(spawn);
		const first = client.read(bsm);
		const second = client.paste(toHex(bsm.slice(0, 20)));
		await expect(first).rejects.toSatisfy(isSuperseded);
		expect(spawned.map((s) => s.terminated)).toEqual([true, false]);
		spawned[1].run();
		const r = await second;
		expect(r.format).toBe('hex');
		expect(r.reading.view!.partial).toBe(true);
		// an idle worker is kept for the next request
		const third = client.read(bsm);
		spawned[1].run();
		await third;
		expect(spawned.length).toBe(2);
	});

	it('a paste that is not hex or base64 rejects with the codec\'s error; a crashed worker rejects and is replaced', async () => {
		const { spawn, spawned } = fakeWorkers();
		const client = new InspectClient(spawn);
		const bad = client.paste('héllo');
		spawned[0].run();
		await expect(bad).rejects.toBeInstanceOf(InspectWorkerError);
		const crashed = client.read(bsm);
		spawned[0].crash('out of memory');
		await expect(crashed).rejects.toThrow('out of memory');
		const again = client.read(bsm);
		expect(spawned.length).toBe(2);
		spawned[1].run();
		expect((await again).encoding).toBe('protobuf');
	});

	it('sends only big inputs to the worker', () => {
		expect(WORKER_THRESHOLD_BYTES).toBeGreaterThan(bsm.length * 10);
	});
});

describe('big readings: the page gets a part, the worker keeps the rest', () => {
	// 3,000 fields one after another: more rows than one page
	const many = new Uint8Array(6000).map((_, i) => (i % 2 === 0 ? 0x08 : 0x01));

	it('sends the first ROWS_PER_PAGE rows and their total, and serves the next ones on request', () => {
		const replies: InspectReply[] = [];
		const session = new InspectSession({ post: (m) => replies.push(structuredClone(m)), later: (fn) => fn() });
		session.handle({ kind: 'read', id: 1, bytes: many });
		const r = replies[0] as Extract<InspectReply, { kind: 'reading' }>;
		const direct = readAs(many).view!;
		expect(r.reading.view!.rows).toHaveLength(ROWS_PER_PAGE);
		expect(r.reading.view!.rowsTotal).toBe(direct.rows.length);
		expect(r.reading.view!.frame).toBeUndefined();
		expect(r.reading.findings).toEqual(findings(direct));
		session.handle({ kind: 'rows', id: 2, of: 1, tree: 'view', from: ROWS_PER_PAGE, count: ROWS_PER_PAGE });
		const more = replies[1] as Extract<InspectReply, { kind: 'rows' }>;
		expect(more.rows).toEqual(direct.rows.slice(ROWS_PER_PAGE, 2 * ROWS_PER_PAGE));
		// a newer reading replaces the one held
		session.handle({ kind: 'read', id: 3, bytes: bsm });
		session.handle({ kind: 'rows', id: 4, of: 1, tree: 'view', from: 0, count: 10 });
		expect(replies[3]).toMatchObject({ kind: 'failed', id: 4 });
	});

	it('findings are worked out in the worker and the first MAX_FINDINGS_SENT sent, with their total', () => {
		const frame = sampleFrame('bsm');
		(frame.bsm as unknown as { speed: number }).speed = 9000; // over 8191
		const r = sendable(readAs(encodeFrame(frame, { validate: false })));
		expect(r.findingsTotal).toBe(1);
		expect(r.findings![0].path).toBe('bsm.speed');
		expect(r.findings!.length).toBeLessThanOrEqual(MAX_FINDINGS_SENT);
	});

	it('the client asks for more rows of the reading it got', async () => {
		const { spawn, spawned } = fakeWorkers();
		const client = new InspectClient(spawn);
		const p = client.readWithId(many);
		spawned[0].run();
		const got = await p;
		expect(got.reading.view!.rows).toHaveLength(ROWS_PER_PAGE);
		const rows = await client.rows(got.of, 'view', ROWS_PER_PAGE, 5);
		expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4].map((i) => ROWS_PER_PAGE + i));
		await expect(client.rows(999, 'view', 0, 5)).rejects.toThrow(/no longer held/);
		// a new reading supersedes a request for rows still waiting
		const waiting = client.rows(got.of, 'view', 0, 5);
		void client.read(bsm).catch(() => {});
		await expect(waiting).resolves.toHaveLength(5);
	});
});

describe('JSON in the worker', () => {
	it('encodes proto3 JSON and reads its bytes as protobuf, findings included; bad JSON fails with the codec\'s error', () => {
		const frame = sampleFrame('bsm');
		(frame.bsm as unknown as { speed: number }).speed = 9000;
		const json = JSON.stringify(frameJson.to(frame));
		const r = structuredClone(answer({ kind: 'json', id: 1, text: json })) as Extract<InspectReply, { kind: 'reading' }>;
		expect(toHex(r.bytes!)).toBe(toHex(encodeJson(json).bytes));
		expect(r.reading.encoding).toBe('protobuf');
		expect(r.reading.view!.message).toBe('BasicSafetyMessage');
		expect(r.reading.findings!.map((f) => f.path)).toEqual(['bsm.speed']);
		expect(structuredClone(answer({ kind: 'json', id: 2, text: '{"bsm": ' }))).toMatchObject({ kind: 'failed', id: 2 });
	});

	it('reads big bytes and pastes under the user\'s own set, as the page would on its thread; another root is another key', () => {
		const user = compileUserSchema(LOG_SET, 'Log');
		const entries = Array.from({ length: 2500 }, (_, i) => ({ n: i * 1_000_003 % 4294967296, ok: i % 3 === 0 }));
		const bytes = encode('Log', { entries }, user.profile.schema);
		expect(bytes.length).toBeGreaterThan(WORKER_THRESHOLD_BYTES);
		const schema = { key: 7, files: user.files, root: user.root };
		const { session, replies, flush } = manualSession();
		session.handle({ kind: 'read', id: 1, bytes, schema });
		flush();
		session.handle({ kind: 'paste', id: 2, text: toHex(bytes), schema });
		flush();
		const direct = sendable(readAs(bytes, undefined, undefined, user));
		expect(direct.encoding).toBe('user');
		for (const r of replies) {
			expect(r.kind).toBe('reading');
			const got = (r as Extract<InspectReply, { kind: 'reading' }>).reading;
			expect(got.encoding).toBe('user');
			expect(got.detection).toEqual(direct.detection);
			expect(got.bits!.rows).toEqual(direct.bits!.rows);
			expect(got.bits!.rowsTotal).toBe(direct.bits!.rowsTotal);
		}
		// another root is another key: the set is compiled again and read as that root
		const other = withRoot(user, 'Entry');
		session.handle({ kind: 'read', id: 3, bytes, encoding: 'user', schema: { key: 8, files: other.files, root: other.root } });
		flush();
		const third = replies[2] as Extract<InspectReply, { kind: 'reading' }>;
		expect(third.reading.bits!.rows[0].typeName).toBe(sendable(readAs(bytes, undefined, 'user', other)).bits!.rows[0].typeName);
		// without the set, the same bytes are not the user's
		session.handle({ kind: 'read', id: 4, bytes });
		flush();
		expect((replies[3] as Extract<InspectReply, { kind: 'reading' }>).reading.encoding).not.toBe('user');
	});

	it('a set that does not compile is a failed reply naming its file and line', () => {
		const bad = answer({ kind: 'read', id: 5, bytes: bsm, schema: { key: 1, files: [{ name: 'bad.asn', text: 'Bad DEFINITIONS ::= BEGIN\n  X ::= SEQUENCE {\nEND\n' }], root: 'X' } });
		expect(bad.kind).toBe('failed');
		expect(bad.kind === 'failed' && bad.error.message).toMatch(/bad\.asn.*:\d+/);
	});
});
