// One line per packet, like Wireshark's Info column: the fields that tell packets of a type
// apart, in physical units through the codec's data-element converters (`de`).
import { de, messageType, isPayloadType, type MessageFrame } from '../codec';

type Obj = Record<string, unknown>;

/** An id (OCTET STRING) as text when it is printable ASCII, else as upper-case hex. */
export function idText(id: unknown): string {
	if (!(id instanceof Uint8Array) || id.length === 0) return '?';
	if (id.every((b) => b >= 0x20 && b < 0x7f)) return String.fromCharCode(...id);
	return [...id].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function speedText(raw: unknown): string | undefined {
	if (typeof raw !== 'number') return undefined;
	const v = de.Speed.toPhysical(raw);
	return v === null ? 'speed unavailable' : `${(v * 3.6).toFixed(1)} km/h`;
}

function headingText(raw: unknown): string | undefined {
	if (typeof raw !== 'number') return undefined;
	const v = de.Heading.toPhysical(raw);
	return v === null ? 'heading unavailable' : `heading ${Math.round(v)}°`;
}

const len = (x: unknown) => (Array.isArray(x) ? x.length : 0);
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const join = (parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' ');

/** The per-type lines; a type without one gets its label and msgCnt. */
const LINES: Record<string, (m: Obj) => string> = {
	bsm: (m) => join(['BSM id', idText(m.id), `msgCnt ${m.msgCnt ?? 0}`, speedText(m.speed), headingText(m.heading)]),
	psm: (m) => join(['PSM id', idText(m.id), `msgCnt ${m.msgCnt ?? 0}`, speedText(m.speed), headingText(m.heading)]),
	spat: (m) => {
		const ints = (m.intersections as Obj[] | undefined) ?? [];
		const first = ints[0];
		const id = (first?.intersectionId as Obj | undefined)?.id ?? '?';
		return join(['SPAT', `int ${id}`, plural(len(first?.phases), 'phase'), ints.length > 1 && `(+${ints.length - 1} intersections)`]);
	},
	map_data: (m) => {
		const nodes = (m.nodes as Obj[] | undefined) ?? [];
		const links = nodes.reduce((s, n) => s + len(n.inLinksEx) + len(n.inLinks), 0);
		return join(['MAP', plural(nodes.length, 'node'), plural(links, 'link'), `msgCnt ${m.msgCnt ?? 0}`]);
	},
	rsi: (m) => join(['RSI id', idText(m.id), plural(len(m.rtes), 'event'), plural(len(m.rtss), 'sign'), `msgCnt ${m.msgCnt ?? 0}`]),
	rsm: (m) => join(['RSM id', idText(m.id), plural(len(m.participants), 'participant'), `msgCnt ${m.msgCnt ?? 0}`]),
	vehicle_status_report: (m) => join(['Status report', speedText(m.gnssSpeed), headingText(m.heading)]),
	speed_advice: (m) => {
		const lo = speedText(m.advisedSpeedMin);
		const hi = speedText(m.advisedSpeedMax);
		return join(['Speed advice', lo && hi ? `${lo.replace(' km/h', '')}..${hi}` : lo ?? hi, m.phaseId !== undefined && `phase ${m.phaseId}`]);
	},
	hazard_notice: (m) => join(['Hazard notice', `event ${m.eventType ?? '?'}`, typeof m.description === 'string' && m.description && `"${m.description.slice(0, 40)}"`])
};

/**
 * The Info line of a decoded frame: "BSM id 4A3F9C0E5B12D701 msgCnt 23 43.2 km/h heading 57°",
 * "SPAT int 1004 2 phases", "MAP 4 nodes 12 links msgCnt 3". A frame without a payload: "empty frame".
 */
export function summarize(frame: MessageFrame): string {
	const f = frame as unknown as Obj;
	const payload = Object.keys(f).find((k) => k !== 'protocolVersion' && f[k] != null) ?? '';
	const name = payload.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
	if (!name) return 'empty frame';
	const m = f[payload] as Obj;
	const line = LINES[name];
	if (line) return line(m);
	const label = isPayloadType(name) ? messageType(name).label : name;
	return join([label, m.msgCnt !== undefined && `msgCnt ${m.msgCnt}`]);
}
