import { t } from '../i18n/index.svelte';

// One colour per message type, shared by the map pulses, the legend, the log and the charts.
export const TYPE_COLORS: Record<string, string> = {
	bsm: '#1c7ed6',
	map_data: '#7048e8',
	spat: '#e8590c',
	rsi: '#c2255c',
	rsm: '#2b8a3e',
	psm: '#0c8599',
	ssm: '#5c940d',
	vir: '#9c36b5',
	rsc: '#862e9c',
	clpmm: '#495057',
	vehicle_status_report: '#f08c00',
	vehicle_event_report: '#e03131',
	vehicle_request: '#d9480f',
	speed_advice: '#099268',
	lane_advice: '#0b7285',
	hazard_notice: '#c92a2a',
	route_guidance: '#364fc7',
	remote_command: '#a61e4d',
	map_update: '#5f3dc4',
	acknowledgement: '#868e96'
};

/** Short labels for the legend and the log. */
export const TYPE_LABELS: Record<string, string> = {
	bsm: 'BSM',
	map_data: 'MAP',
	spat: 'SPAT',
	rsi: 'RSI',
	rsm: 'RSM',
	psm: 'PSM',
	ssm: 'SSM',
	vir: 'VIR',
	rsc: 'RSC',
	clpmm: 'CLPMM',
	vehicle_status_report: 'Status report',
	vehicle_event_report: 'Event report',
	vehicle_request: 'Request',
	speed_advice: 'Speed advice',
	lane_advice: 'Lane advice',
	hazard_notice: 'Hazard notice',
	route_guidance: 'Route guidance',
	remote_command: 'Remote command',
	map_update: 'Map update',
	acknowledgement: 'Ack'
};

/** The types the simulation sends, in legend order. */
export const SIM_TYPES = [
	'bsm', 'spat', 'map_data', 'rsm', 'rsi', 'psm', 'vehicle_status_report', 'vehicle_event_report', 'speed_advice',
	'hazard_notice', 'lane_advice', 'acknowledgement'
];

export const CLOUD_TYPES = new Set([
	'vehicle_status_report', 'vehicle_event_report', 'vehicle_request', 'speed_advice', 'lane_advice', 'hazard_notice',
	'route_guidance', 'remote_command', 'map_update', 'acknowledgement'
]);

export const colorOf = (type: string) => TYPE_COLORS[type] ?? '#868e96';
/** A type's label in the current language (falls back to the English short label). */
export const labelOf = (type: string) => {
	const s = t(`types.${type}`);
	return s === `types.${type}` ? (TYPE_LABELS[type] ?? type) : s;
};

export const KIND_COLORS = ['#1971c2', '#f59f00', '#5c5f66', '#e03131']; // car, bus, truck, emergency
export const KIND_NAMES = ['car', 'bus', 'truck', 'emergency'];
