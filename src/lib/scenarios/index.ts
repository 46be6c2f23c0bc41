// Workshop scenarios: the classic day-1 C-V2X applications as repeatable scenes. Each is data
// (where, who, what to watch) plus a few lines that place its actors and equip its vehicles
// with the applications in ./apps; the simulation engine knows nothing about them.
import type { PayloadType } from '../codec';
import { worldStage, createWorld, type SimConfigInput, type ScenarioStage, type World } from '../sim';
import { CloudHazard, Eebl, Evw, Glosa, Icw, RoadWorks, Rlvw, SignalPriority, Vru } from './apps/apps';

export interface Scenario {
	id: string;
	title: { en: string; zh: string };
	summary: string;
	/** What to watch, in order. */
	watch: string[];
	/** The messages that make it work. */
	messages: PayloadType[];
	city: string;
	seed: number;
	/** The application whose first warning is the key moment. */
	keyApp: string;
	/** When the key moment is expected, simulated seconds (checked by tests). */
	window: [number, number];
	/** Node id the map should centre on. */
	focusNode: number;
	/** Places actors, equips vehicles; returns the vehicles to follow. */
	build(stage: ScenarioStage): number[];
	config?: SimConfigInput;
}

const QUIET: SimConfigInput = { vehicles: 0, vrus: 0 };

export const SCENARIOS: Scenario[] = [
	{
		id: 'eebl',
		title: { en: 'Emergency electronic brake light (EEBL)', zh: '紧急制动预警' },
		summary: 'A car brakes hard behind a truck; the cars behind the truck learn it from its BSM before they could see it.',
		watch: [
			'Four vehicles drive north-east on Rongchang East Street; a truck hides the leading car from the cars behind it.',
			'At 4 s the leading car brakes hard (about 7.5 m/s²). Its next BSM carries the hard-braking event flag.',
			'The cars behind the truck warn within one BSM period (100 ms) — long before the truck’s brake lights tell them.'
		],
		messages: ['bsm'],
		city: 'beijing-yizhuang',
		seed: 11,
		keyApp: 'eebl',
		window: [4.0, 4.6],
		focusNode: 1005,
		config: QUIET,
		build(w) {
			const edge = w.road(1005, 1006).index;
			const lead = w.addVehicle({ edge, lane: 1, s: 170, v: 13.9, kind: 'car', speedFactor: 0.86 });
			const truck = w.addVehicle({ edge, lane: 1, s: 140, v: 13.9, kind: 'truck', speedFactor: 1.1 });
			const car = w.addVehicle({ edge, lane: 1, s: 100, v: 13.9, kind: 'car', speedFactor: 0.95 });
			const last = w.addVehicle({ edge, lane: 1, s: 65, v: 13.9, kind: 'car', speedFactor: 0.95 });
			w.equip(new Eebl(new Set([truck, car, last])));
			w.everyStep((ctx) => {
				if (ctx.nowMs === 4000) w.script(lead, { accel: -7.5 });
			});
			return [lead, car];
		}
	},
	{
		id: 'icw',
		title: { en: 'Intersection collision warning (ICW)', zh: '交叉路口碰撞预警' },
		summary: 'Two cars race towards a junction without signals, hidden from each other by buildings; their BSMs meet first.',
		watch: [
			'Hongda South Road meets Dize South Street at a junction without lights. One car comes down Hongda South Road, one along Dize South Street.',
			'Each car predicts the other’s path from its BSMs (position, heading, speed): both would reach the crossing point within a second of each other.',
			'Both drivers are warned about 7 s before impact and brake.'
		],
		messages: ['bsm'],
		city: 'beijing-yizhuang',
		seed: 12,
		keyApp: 'icw',
		window: [3.0, 4.5],
		focusNode: 1002,
		config: QUIET,
		build(w) {
			const a = w.road(1001, 1002);
			const b = w.road(1011, 1002);
			const onward = w.road(1002, 1004).index;
			const carA = w.addVehicle({ edge: a.index, lane: 0, s: a.length - 110, v: 11, kind: 'car', route: [onward], speedFactor: 0.95 });
			const carB = w.addVehicle({ edge: b.index, lane: 0, s: b.length - 120, v: 12, kind: 'car', route: [onward], speedFactor: 0.9 });
			const app = new Icw(new Set([carA, carB]));
			app.onWarn = (id) => w.script(id, { accel: -4.5 });
			w.equip(app);
			return [carA, carB];
		}
	},
	{
		id: 'glosa',
		title: { en: 'Green light optimal speed advisory (GLOSA)', zh: '绿波车速引导' },
		summary: 'The cloud reads SPAT timing and the car’s status report, and advises the speed that meets the green.',
		watch: [
			'A car drives along Rongchang East Street at the speed limit, through the Hongda South Road lights, towards the Yongchang South Road lights; at that speed it would arrive on red.',
			'Its 1 Hz status reports go to the cloud over Uu; the cloud matches it to the road, reads the signal timing (the same the RSU sends as SPAT) and answers with speed advice.',
			'The car slows to the advised speed, reaches the stop line as the light turns green, and never stops.'
		],
		messages: ['vehicle_status_report', 'speed_advice', 'spat', 'map_data', 'acknowledgement'],
		city: 'beijing-yizhuang',
		seed: 13,
		keyApp: 'glosa',
		window: [3.0, 8.0],
		focusNode: 1004,
		config: QUIET,
		build(w) {
			// the car comes at the limit through the Hongda South Road lights (green for it: the
			// advice there is "as you are", which the display keeps quiet about), and gets the
			// advice for the Yongchang South Road lights once it is on their approach
			const before = w.road(1003, 1004);
			const e = w.road(1004, 1005);
			const limit = 16.7;
			const s0 = before.length - 80;
			const onApproach = 80 / limit;
			// retime that signal so its approach turns green as the car arrives at 45 km/h
			const v = 12.5;
			const green = onApproach + e.stopLine / v;
			w.retimeSignal(1005, w.nextSwitch(1005, e.linkId, 'green', 0.1, w.signalCycle(1005) + 1) - green);
			const car = w.addVehicle({ edge: before.index, lane: 1, s: s0, v: limit, kind: 'car', route: [e.index], speedFactor: 1 });
			// the driver follows what the display shows: nothing at the first lights (the car is
			// within the advised range there), the advice once on the approach to the second
			w.script(car, { ignoreAdvice: true });
			let following = false;
			w.everyStep((ctx) => {
				if (following || ctx.junctionAhead(car)?.node !== e.to) return;
				following = true;
				w.script(car, {});
			});
			w.equip(new Glosa(new Set([car]), 15000));
			return [car];
		}
	},
	{
		id: 'rlvw',
		title: { en: 'Red light violation warning (RLVW)', zh: '闯红灯预警' },
		summary: 'A distracted driver is about to run a red light; MAP and SPAT from the RSU tell the car in time.',
		watch: [
			'A car approaches the Rongchang East Street / Hongda South Road lights at town speed; its driver is not watching.',
			'From the RSU’s MAP the car knows which phase governs its lane and where the stop line is; from SPAT, when that phase turns red.',
			'It will reach the stop line only after the light has turned red. When it is as far from the line as it needs to stop (AASHTO stopping sight distance: 2.5 s to react, then 3.4 m/s² of braking), the warning fires, quoting the time to red from the SPAT and the time to the stop line.',
			'The driver reacts and stops before the line.'
		],
		messages: ['map_data', 'spat', 'bsm'],
		city: 'beijing-yizhuang',
		seed: 14,
		keyApp: 'rlvw',
		window: [3.0, 8.0],
		focusNode: 1004,
		config: QUIET,
		build(w) {
			const e = w.road(1003, 1004);
			// 150 m before the line at 54 km/h: it would arrive 10 s from now, 2 s after the light
			// turns red; the warning distance (about 86 m at this speed) comes after 4.3 s
			const v = 15;
			const d0 = 150;
			const red = d0 / v - 2;
			w.retimeSignal(1004, w.nextSwitch(1004, e.linkId, 'red', 0.1, w.signalCycle(1004) + 1) - red);
			const car = w.addVehicle({ edge: e.index, lane: 1, s: e.stopLine - d0, v, kind: 'car', speedFactor: 1.2 });
			w.script(car, { ignoreSignals: true, ignoreAdvice: true, maxSpeed: v });
			const app = new Rlvw(new Set([car]));
			// the driver looks up, and after the rule's reaction time obeys the light again
			let reactAtMs: number | null = null;
			let nowMs = 0;
			app.onWarn = () => (reactAtMs = nowMs + app.rule.reactionS * 1000);
			w.everyStep((ctx) => {
				nowMs = ctx.nowMs;
				if (reactAtMs === null || ctx.nowMs < reactAtMs) return;
				reactAtMs = null;
				w.script(car, { maxSpeed: v });
			});
			w.equip(app);
			return [car];
		}
	},
	{
		id: 'vru',
		title: { en: 'Vulnerable road user warning (VRU)', zh: '弱势交通参与者碰撞预警' },
		summary: 'Pedestrians cross at the junction; the RSU’s camera sees them and its RSM warns the approaching car.',
		watch: [
			'Pedestrians and cyclists cross at the Rongchang East Street / Hongda South Road junction; some carry phones sending PSM.',
			'The RSU’s camera and radar detect them and broadcast RSM ten times a second.',
			'The approaching car finds a pedestrian on its path in the RSM (or a PSM) and warns its driver.'
		],
		messages: ['rsm', 'psm', 'bsm'],
		city: 'beijing-yizhuang',
		seed: 15,
		keyApp: 'vru',
		window: [3.0, 15.0],
		focusNode: 1004,
		config: { vehicles: 0, vrus: 9 },
		build(w) {
			const e = w.road(1003, 1004);
			const car = w.addVehicle({ edge: e.index, lane: 2, s: e.stopLine - 90, v: 8, kind: 'car', speedFactor: 0.5 });
			w.equip(new Vru(new Set([car])));
			return [car];
		}
	},
	{
		id: 'evw',
		title: { en: 'Emergency vehicle warning and signal priority (EVW)', zh: '紧急车辆提醒与信号优先' },
		summary: 'An ambulance with its siren on announces itself in its BSM; the car ahead gives way and the next signal turns green for it.',
		watch: [
			'An ambulance comes up Rongchang East Street behind a car, siren on.',
			'Its BSM carries the emergency extension (response type, siren and light bar in use).',
			'The car ahead warns its driver, moves to the right lane and slows; the ambulance passes.',
			'220 m before the Yongchang South Road lights (red for it) the ambulance asks for priority in a VIR; the RSU retimes the signal to green and answers with an RSC.'
		],
		messages: ['bsm', 'vir', 'rsc'],
		city: 'beijing-yizhuang',
		seed: 16,
		keyApp: 'evw',
		window: [3.0, 10.0],
		focusNode: 1005,
		config: QUIET,
		build(w) {
			const e = w.road(1004, 1005);
			// the Yongchang South Road light turns red for this approach at 8 s: without priority
			// the ambulance would have to stop there
			w.retimeSignal(1005, w.nextSwitch(1005, e.linkId, 'red', 0.1, w.signalCycle(1005) + 1) - 8);
			// 190 m apart, the ambulance gaining about 6 m/s: announced (within 150 m) after some 6 s
			const car = w.addVehicle({ edge: e.index, lane: 1, s: 190, v: 11, kind: 'car', speedFactor: 0.75 });
			const amb = w.addVehicle({ edge: e.index, lane: 1, s: 0, v: 17, kind: 'emergency', speedFactor: 1.2 });
			w.script(amb, { ignoreAdvice: true });
			const priority = new SignalPriority(amb);
			w.equip(priority);
			w.everyStep((ctx) => priority.tick(ctx));
			const app = new Evw(new Set([car]));
			app.onWarn = (id) => {
				w.keepRight(id);
				w.script(id, { maxSpeed: 6 });
			};
			w.equip(app);
			return [amb, car];
		}
	},
	{
		id: 'roadworks',
		title: { en: 'Road works ahead (RSI)', zh: '道路施工提醒' },
		summary: 'Road works close a lane; the RSU broadcasts the event in RSI and the car is warned 300 m before.',
		watch: [
			'Road works close the outer lane of Rongchang East Street.',
			'The RSU at the next junction broadcasts RSI once a second with the event type, position, radius and the closed lane.',
			'The car finds the event on its road ahead and warns its driver; the cloud adds a lane advice over Uu.'
		],
		messages: ['rsi', 'lane_advice', 'hazard_notice'],
		city: 'beijing-yizhuang',
		seed: 17,
		keyApp: 'rsi',
		window: [3.0, 8.0],
		focusNode: 1005,
		config: QUIET,
		build(w) {
			const edge = w.road(1004, 1005).index;
			// 355 m apart at 43 km/h: the car comes within 300 m after some 5 s
			w.injectEvent('roadworks', { edge, s: 365, durationS: 900 });
			const car = w.addVehicle({ edge, lane: 1, s: 10, v: 12, kind: 'car', speedFactor: 0.9 });
			w.equip(new RoadWorks(new Set([car])));
			return [car];
		}
	},
	{
		id: 'cloud-hazard',
		title: { en: 'Hazard notice from the cloud (Uu)', zh: '云端危险提醒' },
		summary: 'An accident is known to the cloud platform; it warns every car heading that way over the cellular network.',
		watch: [
			'An accident blocks a lane on Rongchang East Street, beyond the reach of any RSU’s radio.',
			'Cars report their status to the cloud once a second over Uu; the cloud matches each to its road.',
			'A car whose road leads to the accident gets a hazard notice, acknowledges it, and its driver is warned.'
		],
		messages: ['vehicle_status_report', 'hazard_notice', 'acknowledgement'],
		city: 'beijing-yizhuang',
		seed: 18,
		keyApp: 'hazard',
		window: [3.0, 9.0],
		focusNode: 1004,
		config: QUIET,
		build(w) {
			w.injectEvent('accident', { edge: w.road(1005, 1006).index, s: 500, durationS: 900 });
			// the car starts one road back: its road leads to the accident's only once it has
			// crossed the Hongda South Road junction (green for it), some 5 s from now
			const start = w.road(1003, 1004);
			const route = [w.road(1004, 1005).index, w.road(1005, 1006).index];
			const car = w.addVehicle({ edge: start.index, lane: 1, s: start.length - 60, v: 12, kind: 'car', route, speedFactor: 0.9 });
			w.equip(new CloudHazard(new Set([car])));
			return [car];
		}
	}
];

/** The scenario with this id; throws for an unknown one. */
export function scenario(id: string): Scenario {
	const s = SCENARIOS.find((x) => x.id === id);
	if (!s) throw new Error(`no scenario "${id}"`);
	return s;
}

/** A world set up for a scenario; `config` can override anything (tests cut the radio with it). */
export function createScenarioWorld(id: string, config: SimConfigInput = {}): { world: World; follow: number[]; scenario: Scenario } {
	const sc = scenario(id);
	const world = createWorld({ city: sc.city, seed: sc.seed, ...sc.config, ...config });
	const follow = sc.build(worldStage(world));
	return { world, follow, scenario: sc };
}
