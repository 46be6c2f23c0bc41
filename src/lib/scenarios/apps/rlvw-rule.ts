// When a red light violation warning fires: the stopping-sight-distance model of AASHTO's
// "A Policy on Geometric Design of Highways and Streets" (the Green Book, 7th ed. 2018, ch. 3,
// §3.2.2 "Stopping Sight Distance", Eq. 3-2), applied to the SPAT's time to red.
// Kept apart from the application so the arithmetic can be tested with plain numbers.

/** A stated warning rule: its name (i18n key under `alerts.rules`), constants and source. */
export interface StoppingRule {
	/** i18n key under `alerts.rules` naming the rule and its source in the current language. */
	id: string;
	/** Brake reaction time, s (perception and reaction, before the brakes bite). */
	reactionS: number;
	/** Deceleration, m/s², that most drivers keep comfortably on a wet road. */
	decelMs2: number;
	/** The warning comes this much earlier than the rule's distance, s of travel: SPAT arrives at 10 Hz, a few may be lost. */
	leadS: number;
}

/**
 * AASHTO Green Book (2018) §3.2.2: brake reaction time 2.5 s (covers about 90 % of drivers) and
 * deceleration 3.4 m/s² (11.2 ft/s²), so SSD = v·2.5 + v²/(2·3.4). The warning is due one
 * second of travel before that distance.
 */
export const AASHTO_SSD: StoppingRule = { id: 'aashtoSsd', reactionS: 2.5, decelMs2: 3.4, leadS: 1 };

/** Stopping sight distance, m, at speed `v` m/s: reaction distance plus braking distance. */
export function stoppingDistance(v: number, rule: StoppingRule = AASHTO_SSD): number {
	return v * rule.reactionS + brakingDistance(v, rule);
}

/** Braking distance alone, m: v²/(2a), braking at the rule's deceleration from now. */
export function brakingDistance(v: number, rule: StoppingRule = AASHTO_SSD): number {
	return (v * v) / (2 * rule.decelMs2);
}

export type RlvwVerdict =
	/** Reaches the stop line before red (or no red is announced): nothing to warn of. */
	| 'clears'
	/** Arrives on red, but still farther than the warning distance: too early to warn. */
	| 'early'
	/** Arrives on red and is within the warning distance, and can still stop: warn. */
	| 'warn'
	/** Arrives on red but is closer than the bare braking distance: stopping is no longer possible. */
	| 'tooLate';

export interface RlvwDecision {
	verdict: RlvwVerdict;
	/** Time to the stop line at the present speed, s. */
	toStopS: number;
	/** Stopping sight distance at the present speed, m. */
	ssdM: number;
	/** Where the warning is due: SSD plus the lead, m. */
	warnAtM: number;
	/** Braking distance at the rule's deceleration, m. */
	brakeM: number;
}

/**
 * Whether to warn a vehicle `distanceM` metres before its stop line at `speedMs` m/s whose
 * signal turns red in `toRedS` seconds (0: red now; null: no red announced) and stays red until
 * after it would arrive (`redAtArrival`).
 *
 * It cannot clear the line before red when distance/speed ≥ toRedS. It then warns from the
 * rule's distance (SSD + speed·leadS) down to the bare braking distance v²/(2a): closer than
 * that even braking at once cannot stop it at the line, and a warning would startle the driver
 * in the junction. Speeds below 3 m/s (creeping) never warn. Units: m, m/s, s.
 */
export function rlvwDecision(distanceM: number, speedMs: number, toRedS: number | null, redAtArrival: boolean, rule: StoppingRule = AASHTO_SSD): RlvwDecision {
	const toStopS = speedMs > 0 ? distanceM / speedMs : Infinity;
	const ssdM = stoppingDistance(speedMs, rule);
	const warnAtM = ssdM + speedMs * rule.leadS;
	const brakeM = brakingDistance(speedMs, rule);
	const base = { toStopS, ssdM, warnAtM, brakeM };
	if (toRedS === null || !redAtArrival || speedMs < 3 || distanceM < 0 || toStopS < toRedS) return { verdict: 'clears', ...base };
	if (distanceM > warnAtM) return { verdict: 'early', ...base };
	if (distanceM < brakeM) return { verdict: 'tooLate', ...base };
	return { verdict: 'warn', ...base };
}
