// The golden UPER frames in ../shared/samples/uper (read SOURCES.md there): which file, which
// profile decodes it, and the published decode beside it. Test-only: it reads the shared folder,
// which a user's fresh clone does not have (`samplesUnavailable()` says so).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './peer';

/** ../shared/samples/uper */
export const SAMPLES_DIR = join(SHARED_DIR, 'samples', 'uper');

/** One real or crafted MessageFrame with the profile it decodes under. */
export interface GoldenFrame {
	/** short name, e.g. `bsm1`, `rsm-larry0913` */
	name: string;
	/** path relative to SAMPLES_DIR */
	file: string;
	/** the profile (module set) the frame decodes under, as the peer's README verifies */
	profile: string;
	/** the MessageFrame CHOICE alternative it carries */
	alternative: string;
	/** the published decode (ASN.1 value notation), if any */
	documented?: DocumentedRef;
	/** the published XER (asn1c's or the crafting tools'), relative to SAMPLES_DIR, if any */
	xer?: string;
}

/**
 * Where a frame's published decode is: the file (relative to SAMPLES_DIR), which of its values,
 * and the members SOURCES.md says were printed from a neighbouring frame (left unchecked).
 */
export interface DocumentedRef {
	file: string;
	block: number;
	neighbourFrame?: string[];
}

/**
 * The six frames captured from one RSU decode only with the 2019-07-24 draft (RSI and MAP fail
 * under the final text); the 86-byte RSM from Larry0913's tool decodes under the final set; the
 * crafted phase-2 SSM sits in `msgFrameExt` (messageId 12) of csae157-2020. The published BSM
 * text holds two BSMs (bsm2's, then bsm1's neighbour); the published MAP is a neighbouring,
 * truncated capture that differs only in timeStamp as far as it goes.
 */
export const GOLDEN_FRAMES: readonly GoldenFrame[] = [
	{ name: 'bsm1', file: 'bsm1.uper.hex', profile: 'csae53-2020-draft', alternative: 'bsmFrame', documented: { file: 'bsm.documented-decode.txt', block: 1, neighbourFrame: ['msgCnt', 'secMark'] } },
	{ name: 'bsm2', file: 'bsm2.uper.hex', profile: 'csae53-2020-draft', alternative: 'bsmFrame', documented: { file: 'bsm.documented-decode.txt', block: 0 } },
	{ name: 'map', file: 'map.uper.hex', profile: 'csae53-2020-draft', alternative: 'mapFrame', documented: { file: 'map.documented-decode.txt', block: 0, neighbourFrame: ['timeStamp'] } },
	{ name: 'rsi', file: 'rsi.uper.hex', profile: 'csae53-2020-draft', alternative: 'rsiFrame', documented: { file: 'rsi.documented-decode.txt', block: 0 } },
	{ name: 'rsm', file: 'rsm.uper.hex', profile: 'csae53-2020-draft', alternative: 'rsmFrame', documented: { file: 'rsm.documented-decode.txt', block: 0 } },
	{ name: 'spat', file: 'spat.uper.hex', profile: 'csae53-2020-draft', alternative: 'spatFrame', documented: { file: 'spat.documented-decode.txt', block: 0, neighbourFrame: ['msgCnt', 'moy', 'timeStamp'] } },
	{ name: 'rsm-larry0913', file: 'rsm-larry0913/rsm.uper.hex', profile: 'csae53-2020', alternative: 'rsmFrame', documented: { file: 'rsm-larry0913/result.txt', block: 0 }, xer: 'rsm-larry0913/result.xml' },
	{ name: 'ssm-dayii-crafted', file: 'ssm-dayii-crafted.uper.hex', profile: 'csae157-2020', alternative: 'msgFrameExt', xer: 'ssm-dayii-crafted.xer' }
];

/** One RSU-to-cloud payload file and the frames it must carry, in order. */
export interface FramedPayload {
	file: string;
	/** the TYPE of its MQTT topic `V2X.RSU.<TYPE>.UP`: BSM payloads carry a count */
	topicType: string;
	/** names of the GOLDEN_FRAMES it carries, in order */
	frames: string[];
}

export const FRAMED_PAYLOADS: readonly FramedPayload[] = [
	{ file: 'bsm.framed.hex', topicType: 'BSM', frames: ['bsm1', 'bsm2'] },
	{ file: 'map.framed.hex', topicType: 'MAP', frames: ['map'] },
	{ file: 'rsi.framed.hex', topicType: 'RSI', frames: ['rsi'] },
	{ file: 'rsm.framed.hex', topicType: 'RSM', frames: ['rsm'] },
	{ file: 'spat.framed.hex', topicType: 'SPAT', frames: ['spat'] }
];

/**
 * Hex frames found in another project's unit tests (no decode published): MessageFrames of
 * several revisions and bare BSMs. Each line of each file is one frame.
 */
export const FOUND_HEX_LISTS: readonly string[] = [
	'java-tests-BasicSafetyMessageTest.hexlist',
	'java-tests-MessageFrameTest.hexlist',
	'java-tests-SPATTest.hexlist',
	'java-tests-UperDecoderTest.hexlist'
];

/** The frames of a hex list file, lower-case hex, one per non-empty line. */
export function readHexList(file: string): string[] {
	return readFileSync(join(SAMPLES_DIR, file), 'utf8')
		.split(/\r?\n/)
		.map((l) => l.replace(/\s+/g, '').toLowerCase())
		.filter(Boolean);
}

/** Why the golden samples cannot be read here, or `undefined` when they can. */
export function samplesUnavailable(): string | undefined {
	if (!existsSync(SAMPLES_DIR)) return `${SAMPLES_DIR} is absent (the shared reference data is not beside this clone)`;
	return undefined;
}

/** A sample hex file's contents as lower-case hex without white space. */
export function readSampleHex(file: string): string {
	return readFileSync(join(SAMPLES_DIR, file), 'utf8').replace(/\s+/g, '').toLowerCase();
}

/** A sample text file (a published decode). */
export function readSampleText(file: string): string {
	return readFileSync(join(SAMPLES_DIR, file), 'utf8');
}

/** Lower-case hex of bytes. */
export function toHexLower(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += b.toString(16).padStart(2, '0');
	return s;
}

/** Bytes of an even-length hex string (either case); throws on anything else. */
export function fromHex(hex: string): Uint8Array {
	if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`not hex: ${hex.slice(0, 40)}`);
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return out;
}
