// The common part of vehicle applications: only equipped vehicles run them, each computes from
// what its vehicle received, and a warning is raised once per cool-down, as an i18n key.
import type { MessageFrame } from '../../codec';
import type { AppContext, ReceiverApp, TextParams, Transmission } from '../../sim';
import type { Ego } from './geometry';

export type Frame = Record<string, unknown>;
export type Level = 'info' | 'warning' | 'danger';

export const KMH_PER_MS = 3.6;
/** A number for a text, to one decimal. */
export const tenth = (x: number) => Math.round(x * 10) / 10;

/** Raises each (receiver, app) warning once per `coolMs`, so a warning is an event, not a flood. */
export abstract class VehicleApp implements ReceiverApp {
	abstract readonly id: string;
	private last = new Map<number, number>();
	constructor(
		/** Only these vehicles run the app (the scenario's equipped vehicles); all if empty. */
		readonly equipped: Set<number> = new Set(),
		readonly coolMs = 5000
	) {}

	/** Runs the check for an equipped vehicle that is still on the road. */
	onReceive(ctx: AppContext, receiver: number, tx: Transmission, frame: MessageFrame) {
		if (this.equipped.size && !this.equipped.has(receiver)) return;
		const e = ctx.ego(receiver);
		if (!e) return;
		this.check(ctx, e, tx, frame as Frame);
	}

	protected abstract check(ctx: AppContext, e: Ego, tx: Transmission, frame: Frame): void;

	/** Warns with the text `alerts.<key>` (see the i18n catalogues), unless it did so recently. */
	protected warn(ctx: AppContext, e: Ego, level: Level, key: string, params: TextParams, tx: Transmission): boolean {
		const prev = this.last.get(e.id);
		if (prev !== undefined && ctx.nowMs - prev < this.coolMs) return false;
		this.last.set(e.id, ctx.nowMs);
		ctx.raiseAlert(e.id, this.id, level, `alerts.${key}`, params, tx);
		return true;
	}
}

