// Test harness: a short simulation written through a DialectWriter and read back with
// readPublication, keeping what a test compares (test-only).
import { encodeFrame, messageType, toHex, type MessageFrame } from '../../../codec';
import { createWorld, decodeOnAir, rememberingNames, type OnAir, type Transmission } from '../../../sim';
import type { ProfileName } from '../../../uper/profiles';
import type { Dialect, LiveMessage, Publication, Undecodable } from '../../types';
import { readPublication } from '../read';
import { DialectWriter, type WriterStats } from '../writer';

/** A run: what was sent, published and read back. */
export interface RoundTrip {
	writer: DialectWriter;
	stats: WriterStats;
	txs: Transmission[];
	publications: Publication[];
	/** every message read, with the publication it came from */
	read: { pub: Publication; msg: LiveMessage }[];
	undecodable: Undecodable[];
	/** expected copies of each sent model frame (`type:hex of the protobuf encoding`) */
	expected: Map<string, number>;
	/** the same for the frames read back */
	got: Map<string, number>;
	nodeName: (id: number) => string;
	isRsu: (id: number) => boolean;
	startTimeMs: number;
}

/** A model frame as a comparable key: its type and its protobuf encoding in hex. */
export function frameKey(type: string, frame: MessageFrame): string {
	return `${type}:${toHex(encodeFrame(frame, { validate: false }))}`;
}

function bump(m: Map<string, number>, k: string, n = 1): void {
	m.set(k, (m.get(k) ?? 0) + n);
}

/**
 * How many copies of `tx` a dialect publishes, worked out from the rules independently of the
 * writer: cv2x every one; the RSU dialects nothing of the cloud's own types, an RSU's own message
 * once, a road user's once per RSU that received it. `hasForm` says whether the type has a UPER
 * form in the writer's profile.
 */
export function expectedCopies(dialect: Dialect, tx: Transmission, isRsu: (id: number) => boolean, hasForm: (type: string) => boolean): number {
	if (dialect === 'cv2x') return 1;
	if (messageType(tx.type).standard === 'cloud' || !hasForm(tx.type)) return 0;
	return isRsu(tx.sender) ? 1 : tx.receivers.filter(isRsu).length;
}

/** Runs `seconds` of a small Beijing Yizhuang simulation through a writer of `dialect` and reads every publication back. */
export function roundTrip(
	dialect: Dialect,
	onAir: OnAir,
	opts: { seconds?: number; vehicles?: number; profile?: ProfileName; readProfiles?: ProfileName[]; hasForm?: (type: string) => boolean } = {}
): RoundTrip {
	const world = createWorld({ city: 'beijing-yizhuang', seed: 3, vehicles: opts.vehicles ?? 20, onAir });
	const rsuIds = new Set(world.rsus.map((r) => r.id));
	const isRsu = (id: number) => rsuIds.has(id);
	const nodeName = rememberingNames((id) => world.nodeName(id));
	const writer = new DialectWriter({ dialect, profile: opts.profile, nodeName, isRsu, startTimeMs: world.meta.startTimeMs });
	const rt: RoundTrip = { writer, stats: writer.stats(), txs: [], publications: [], read: [], undecodable: [], expected: new Map(), got: new Map(), nodeName, isRsu, startTimeMs: world.meta.startTimeMs };
	const hasForm = opts.hasForm ?? (() => true);
	for (let t = 0; t < (opts.seconds ?? 20) * 1000; t += world.stepMs) {
		world.step();
		for (const e of world.drainEvents()) {
			if (e.kind !== 'tx') continue;
			rt.txs.push(e);
			writer.add(e);
			const copies = expectedCopies(dialect, e, isRsu, hasForm);
			if (copies) bump(rt.expected, frameKey(e.type, decodeOnAir(e.bytes, e.encoding, e.profile)), copies);
		}
		for (const pub of writer.flush()) {
			rt.publications.push(pub);
			const r = readPublication(pub.topic, pub.payload, { profiles: opts.readProfiles });
			if (r.undecodable) rt.undecodable.push(r.undecodable);
			for (const msg of r.messages) {
				rt.read.push({ pub, msg });
				bump(rt.got, frameKey(msg.type, msg.frame!));
			}
		}
	}
	rt.stats = writer.stats();
	return rt;
}

/** Counts by key of a list. */
export function countBy<T>(xs: T[], key: (x: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
	return out;
}
