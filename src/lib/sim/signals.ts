// Fixed-time signal control: phases in order, each green then yellow then all-red, repeating
// every cycle, shifted by the plan's offset. SPAT is built from the same timeline, so what the
// RSU announces is exactly what the lights do.
import type { NetNode } from './network';
import type { SignalPlan } from './roads/types';

export type Light = 'green' | 'yellow' | 'red';

export interface PhaseTiming {
	id: number;
	name: string;
	green: number;
	yellow: number;
	allRed: number;
	/** Start of this phase's green within the cycle, s. */
	start: number;
	approaches: Set<number>;
}

export interface LightState {
	light: Light;
	/** Seconds until this light changes. */
	remaining: number;
}

/** A light's coming states, for SPAT: each with start and end in seconds from now. */
export interface TimelineEntry {
	light: Light;
	start: number;
	end: number;
}

export class SignalController {
	readonly phases: PhaseTiming[];
	readonly cycle: number;
	offset: number;
	readonly node: NetNode;
	/** Phase index per approach link id. */
	private byLink = new Map<number, number>();

	constructor(node: NetNode, plan: SignalPlan) {
		this.node = node;
		let t = 0;
		this.phases = plan.phases.map((p, i) => {
			const timing: PhaseTiming = {
				id: p.id, name: p.name, green: p.greenS, yellow: p.yellowS, allRed: p.allRedS, start: t, approaches: new Set(p.approaches)
			};
			t += p.greenS + p.yellowS + p.allRedS;
			for (const a of p.approaches) this.byLink.set(a, i);
			return timing;
		});
		this.cycle = t;
		this.offset = plan.offsetS;
	}

	/** Moves the whole plan `seconds` earlier (a retimed offset, as traffic engineers do for green waves). */
	retime(seconds: number) {
		this.offset = (((this.offset + seconds) % this.cycle) + this.cycle) % this.cycle;
	}

	/**
	 * Signal priority: the phase serving `linkId` turns (or stays) green now, for at least
	 * `seconds`, by retiming the plan. Returns false if the link is not signalled here.
	 */
	grantPriority(linkId: number, t: number, seconds: number): boolean {
		const i = this.phaseOfLink(linkId);
		if (i < 0) return false;
		const p = this.phases[i];
		const now = this.phaseState(i, t);
		if (now.light === 'green' && now.remaining >= seconds) return true;
		// put the cycle at a point in this phase's green that leaves `seconds` of it
		const into = Math.max(0, p.green - Math.max(seconds, 1));
		this.retime(p.start + into - this.cycleTime(t));
		return true;
	}

	/** Where in the cycle time t (s) falls. */
	cycleTime(t: number): number {
		const c = (t + this.offset) % this.cycle;
		return c < 0 ? c + this.cycle : c;
	}

	/** The state of one phase at time t. */
	phaseState(phaseIndex: number, t: number): LightState {
		const p = this.phases[phaseIndex];
		let u = this.cycleTime(t) - p.start;
		if (u < 0) u += this.cycle;
		if (u < p.green) return { light: 'green', remaining: p.green - u };
		if (u < p.green + p.yellow) return { light: 'yellow', remaining: p.green + p.yellow - u };
		return { light: 'red', remaining: this.cycle - u };
	}

	/** The phase index serving traffic that enters over a link, or -1. */
	phaseOfLink(linkId: number): number {
		return this.byLink.get(linkId) ?? -1;
	}

	/** The light shown to traffic entering over a link (unlisted links: always green). */
	lightFor(linkId: number, t: number): LightState {
		const i = this.phaseOfLink(linkId);
		return i < 0 ? { light: 'green', remaining: this.cycle } : this.phaseState(i, t);
	}

	/** The current state of a phase and the two that follow it. */
	timeline(phaseIndex: number, t: number): TimelineEntry[] {
		const p = this.phases[phaseIndex];
		const red = this.cycle - p.green - p.yellow;
		const now = this.phaseState(phaseIndex, t);
		const order: [Light, number][] =
			now.light === 'green' ? [['yellow', p.yellow], ['red', red]]
			: now.light === 'yellow' ? [['red', red], ['green', p.green]]
			: [['green', p.green], ['yellow', p.yellow]];
		const out: TimelineEntry[] = [{ light: now.light, start: 0, end: now.remaining }];
		let at = now.remaining;
		for (const [light, dur] of order) {
			if (dur <= 0) continue;
			out.push({ light, start: at, end: at + dur });
			at += dur;
		}
		return out;
	}

	/** Seconds from t until traffic over a link next gets green (0 if green now). */
	timeToGreen(linkId: number, t: number): number {
		const s = this.lightFor(linkId, t);
		if (s.light === 'green') return 0;
		const i = this.phaseOfLink(linkId);
		const tl = this.timeline(i, t);
		return tl.find((e) => e.light === 'green')?.start ?? 0;
	}
}
