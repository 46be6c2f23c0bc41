// Transmissions of a simulation step -> the MQTT publications of one dialect (see ../types.ts
// Dialect), with counts of what was carried and what could not be, by reason.
import { Cv2xError } from '../../codec';
import type { Transmission } from '../../sim';
import { UperError } from '../../uper';
import type { ProfileName } from '../../uper/profiles';
import type { Dialect, Publication } from '../types';
import { docking, openv2x, rsuId8, type RsuDialect, type RsuRef } from './rsu-dialects';
import { cv2xTopic, topicLevel, topicTypeOf } from './topics';
import { NOT_CARRIED_REASONS, NotCarried, protobufOf, UperConverter, type NotCarriedReason } from './uper-form';

/** How a DialectWriter is made. */
export interface DialectWriterOptions {
	dialect: Dialect;
	/** UPER profile of the docking and openv2x payloads (default `csae157-2020`, as `cv2x sim`). */
	profile?: ProfileName;
	/** A node's name: the cv2x topic's node; an RSU's docking id (its last 8 characters) and esn. */
	nodeName(id: number): string;
	/** Whether a node is a roadside unit (its own messages are published under it). */
	isRsu(id: number): boolean;
	/** UTC time of sim time 0, ms since 1970 (docking timestamps are startTimeMs + tx.t). */
	startTimeMs: number;
}

/** What a writer has done since it was made. */
export interface WriterStats {
	publications: number;
	/** Messages put into publications, by type (a BSM heard by three RSUs counts three). */
	carried: Record<string, number>;
	/** Messages not carried, by reason then type. */
	notCarried: Record<NotCarriedReason, Record<string, number>>;
	/** The last explanation seen for each reason (one line), for a summary. */
	lastWhy: Partial<Record<NotCarriedReason, string>>;
}

export const DEFAULT_LIVE_PROFILE: ProfileName = 'csae157-2020';

type Batch<T> = { rsu: RsuRef; topicType: string; items: T[]; timeMs: number; batched: boolean };

/**
 * Turns transmissions into publications of one dialect: `add(tx)` each transmission of a step,
 * then `flush()` for the step's publications (in order: cv2x as added; docking/openv2x an RSU's
 * own messages as added, then per RSU the road users' messages it heard). Rules per dialect in
 * ../types.ts `Dialect`; QoS 0, except 1 for Uu messages in the cv2x dialect (the cloud's are
 * acknowledged). Road users' messages need `tx.receivers` (SimConfig.recordReceivers, the
 * default): without them nothing is known to have reached an RSU. Never throws for a message it
 * cannot carry: `stats()` counts it by reason.
 */
export class DialectWriter {
	readonly dialect: Dialect;
	readonly profile: ProfileName;
	private readonly converter: UperConverter;
	private readonly rsuDialect: RsuDialect<unknown> | undefined;
	private readonly rsus = new Map<number, RsuRef>();
	private pending: Publication[] = [];
	private batches = new Map<string, Batch<unknown>>();
	private readonly s: WriterStats = { publications: 0, carried: {}, notCarried: { 'no-uper': {}, 'not-heard': {}, value: {} }, lastWhy: {} };

	constructor(private readonly opts: DialectWriterOptions) {
		this.dialect = opts.dialect;
		this.profile = opts.profile ?? DEFAULT_LIVE_PROFILE;
		this.converter = new UperConverter(this.profile);
		this.rsuDialect = opts.dialect === 'docking' ? docking : opts.dialect === 'openv2x' ? openv2x(this.profile) : undefined;
	}

	/** Takes one transmission of the current step. */
	add(tx: Transmission): void {
		try {
			if (this.rsuDialect) this.addRsuDialect(tx, this.rsuDialect);
			else this.addCv2x(tx);
		} catch (e) {
			if (!(e instanceof NotCarried)) throw e;
			this.skip(e.reason, tx.type, e.message);
		}
	}

	/** The step's publications, in order; the writer is then empty for the next step. */
	flush(): Publication[] {
		const out = this.pending;
		for (const b of this.batches.values()) for (const p of this.rsuDialect!.publish(b.rsu, b.topicType, b.items, b.timeMs, b.batched)) out.push(p);
		this.pending = [];
		this.batches = new Map();
		this.s.publications += out.length;
		return out;
	}

	/** Counts since the writer was made (a copy). */
	stats(): WriterStats {
		return structuredClone(this.s);
	}

	/** One line per (reason, type) not carried, e.g. `not-heard: bsm 120 (no RSU received them)`. */
	notCarriedLines(): string[] {
		const why: Record<NotCarriedReason, string> = {
			'no-uper': `no UPER form under ${this.profile}`,
			'not-heard': 'no RSU received them',
			value: 'a value the profile cannot carry'
		};
		return NOT_CARRIED_REASONS.flatMap((r) => {
			const types = Object.entries(this.s.notCarried[r]);
			return types.length ? [`${r}: ${types.map(([t, n]) => `${t} ${n}`).join(', ')} (${why[r]})`] : [];
		});
	}

	private addCv2x(tx: Transmission): void {
		const payload = protobufOf(tx);
		this.pending.push({ topic: cv2xTopic(this.opts.nodeName(tx.sender), tx.type), payload, qos: tx.channel === 'uu' ? 1 : 0 });
		this.count(tx.type, 1);
	}

	private addRsuDialect<T>(tx: Transmission, d: RsuDialect<T>): void {
		// the common skips return early, without an Error: a load generator meets them by the thousand
		const topicType = topicTypeOf(tx.type);
		if (topicType === undefined || !this.converter.hasForm(tx.type)) return this.skip('no-uper', tx.type, `${tx.type} has no UPER form under ${this.profile}`);
		const fromRsu = this.opts.isRsu(tx.sender);
		const via = fromRsu ? [tx.sender] : tx.receivers.filter((r) => this.opts.isRsu(r));
		if (via.length === 0) return this.skip('not-heard', tx.type, `${tx.type} #${tx.seq} from node ${tx.sender} reached no RSU`);
		let item: T;
		try {
			item = d.item(this.converter.convert(tx, d.withValue));
		} catch (e) {
			if (!(e instanceof Cv2xError || e instanceof UperError)) throw e;
			return this.skip('value', tx.type, `${tx.type} #${tx.seq}: ${e.message}`);
		}
		const batched = topicType === 'BSM';
		const timeMs = this.opts.startTimeMs + Math.round(tx.t);
		if (fromRsu && !batched) for (const p of d.publish(this.rsu(tx.sender), topicType, [item], timeMs, false)) this.pending.push(p);
		else for (const r of via) this.batchOf(r, topicType, timeMs, batched).items.push(item);
		this.count(tx.type, via.length);
	}

	private batchOf(rsuId: number, topicType: string, timeMs: number, batched: boolean): Batch<unknown> {
		// a batch per RSU and TYPE for BSM; one per message for the other types (key by count)
		const key = batched ? `${rsuId}|${topicType}` : `${rsuId}|${topicType}|${this.batches.size}`;
		let b = this.batches.get(key);
		if (!b) this.batches.set(key, (b = { rsu: this.rsu(rsuId), topicType, items: [], timeMs, batched }));
		return b;
	}

	private rsu(id: number): RsuRef {
		let r = this.rsus.get(id);
		if (!r) {
			const name = this.opts.nodeName(id);
			this.rsus.set(id, (r = { id8: rsuId8(name), esn: topicLevel(name) }));
		}
		return r;
	}

	private count(type: string, n: number): void {
		this.s.carried[type] = (this.s.carried[type] ?? 0) + n;
	}

	private skip(reason: NotCarriedReason, type: string, why: string): void {
		const m = this.s.notCarried[reason];
		m[type] = (m[type] ?? 0) + 1;
		this.s.lastWhy[reason] = why;
	}
}
