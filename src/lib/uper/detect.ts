// What pasted or dropped bytes are: the project's protobuf MessageFrame, or a UPER MessageFrame
// under one of the built-in profiles (bare, several back to back, or inside the RSU-to-cloud
// framing). Every way is tried; the result lists each attempt with its verdict or its error and
// ranks the clean ones.
import { Cv2xError, decodeFrame, frameType, validateFrame, type MessageFrame } from '../codec';
import { UperError } from './errors';
import { decodeUperFrame, encodeUperFrame, uperFrameType, type UperProfile } from './frame';
import { valuesEqual } from './per';
import { parseRsuPayload, splitUperFrames, withoutPlace, type ParsedRsuPayload } from './framing';
import { profile, profileNames } from './profiles';
import type { AsnValue } from './schema';

/** How the frames sat in the input. */
export type DetectedFraming = 'bare' | 'back-to-back' | 'rsu-counted' | 'rsu-single';

/** One frame an attempt found: its octet offset in the input, its value and its type. */
export interface DetectedFrame {
	offset: number;
	length: number;
	/** the MessageFrame CHOICE alternative (`bsmFrame`) or the protobuf payload field (`bsm`) */
	frameType?: string;
	value: AsnValue | MessageFrame;
}

/**
 * One way of reading the input. `ok`: it decoded completely (every bit consumed, only zero
 * padding after) and every constraint holds (protobuf: `validateFrame` finds nothing, and a
 * payload is set). `error`: why not (a UperError or Cv2xError, naming offset and path).
 * `unknownExtensions`: extension additions and alternatives the profile does not know (kept raw),
 * over all frames. `canonical`: every frame re-encodes to the input's octets.
 */
export interface DetectAttempt {
	encoding: 'protobuf' | 'uper';
	/** the profile name (`csae53-2020-draft`), absent for protobuf */
	profile?: string;
	/** for people: the profile's title, or `protobuf model (cv2x.v1.MessageFrame)` */
	title: string;
	framing: DetectedFraming;
	ok: boolean;
	error?: UperError | Cv2xError;
	frames: DetectedFrame[];
	unknownExtensions: number;
	canonical: boolean;
	/**
	 * Clean attempts only: the other profiles whose clean reading (same framing) gives the very
	 * same values, so the choice between them does not matter for this input.
	 */
	alike?: string[];
}

/** The verdict: every attempt in the order tried, the clean ones ranked, the RSU framing if it fits. */
export interface Detection {
	attempts: DetectAttempt[];
	/** the clean attempts, the most likely first (see `detectEncoding`); empty when none fits */
	best: DetectAttempt[];
	rsu?: Omit<ParsedRsuPayload, 'frames'>;
}

export const PROTOBUF_TITLE = 'protobuf model (cv2x.v1.MessageFrame)';

/** Counts the unknown extension additions / alternatives the decoder kept raw (`#ext<n>` keys). */
export function countUnknownExtensions(v: AsnValue | undefined): number {
	if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return 0;
	if (Array.isArray(v)) return v.reduce((s: number, x) => s + countUnknownExtensions(x), 0);
	let n = 0;
	for (const [k, x] of Object.entries(v)) n += (k.startsWith('#ext') ? 1 : 0) + countUnknownExtensions(x as AsnValue);
	return n;
}

function asError(e: unknown): UperError | Cv2xError {
	if (e instanceof UperError || e instanceof Cv2xError) return e;
	throw e;
}

function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function reencodes(value: AsnValue, p: UperProfile, bytes: Uint8Array): boolean {
	try {
		return sameOctets(encodeUperFrame(value, p), bytes);
	} catch {
		return false;
	}
}

function uperAttempt(p: UperProfile, framing: DetectedFraming, read: () => { offset: number; bytes: Uint8Array; value: AsnValue }[]): DetectAttempt {
	const base = { encoding: 'uper' as const, profile: p.name, title: p.title, framing };
	try {
		const found = read();
		const frames = found.map((f) => ({ offset: f.offset, length: f.bytes.length, frameType: uperFrameType(f.value), value: f.value }));
		const unknownExtensions = found.reduce((s, f) => s + countUnknownExtensions(f.value), 0);
		return { ...base, ok: true, frames, unknownExtensions, canonical: found.every((f) => reencodes(f.value, p, f.bytes)) };
	} catch (e) {
		return { ...base, ok: false, error: asError(e), frames: [], unknownExtensions: 0, canonical: false };
	}
}

/** The input as one protobuf MessageFrame: decoded, a payload set, no constraint violated. */
function protobufAttempt(bytes: Uint8Array): DetectAttempt {
	const base = { encoding: 'protobuf' as const, title: PROTOBUF_TITLE, framing: 'bare' as const, unknownExtensions: 0 };
	try {
		const frame = decodeFrame(bytes);
		const type = frameType(frame);
		if (!type) throw new Cv2xError('no_payload', 'a MessageFrame without a payload');
		const violations = validateFrame(frame);
		if (violations.length) throw new Cv2xError('invalid', `${violations.length} violation(s): ${violations[0].message}`, { path: violations[0].path });
		return { ...base, ok: true, frames: [{ offset: 0, length: bytes.length, frameType: type, value: frame }], canonical: true };
	} catch (e) {
		return { ...base, ok: false, error: asError(e), frames: [], canonical: false };
	}
}

/** The UPER attempts of one profile on the bare input: one frame, or several back to back. */
function bareUperAttempts(bytes: Uint8Array, p: UperProfile): DetectAttempt[] {
	const one = uperAttempt(p, 'bare', () => [{ offset: 0, bytes, value: decodeUperFrame(bytes, p).value }]);
	if (one.ok || !(one.error instanceof UperError) || one.error.code !== 'trailing_bits') return [one];
	return [one, uperAttempt(p, 'back-to-back', () => splitUperFrames(bytes, p))];
}

/** The UPER attempts of one profile on the frames an RSU payload carries. */
function rsuUperAttempt(rsu: ParsedRsuPayload, p: UperProfile): DetectAttempt {
	const framing = rsu.layout === 'counted' ? 'rsu-counted' : 'rsu-single';
	return uperAttempt(p, framing, () =>
		rsu.frames.map((f, i) => {
			try {
				return { offset: rsu.offsets[i], bytes: f, value: decodeUperFrame(f, p).value };
			} catch (e) {
				if (!(e instanceof UperError)) throw e;
				const path = e.path ? `frames[${i}].${e.path}` : `frames[${i}]`;
				throw new UperError(e.code, `frame ${i} (byte offset ${rsu.offsets[i]}): ${withoutPlace(e)}`, rsu.offsets[i] * 8 + e.bitOffset, path);
			}
		})
	);
}

function tryRsu(bytes: Uint8Array): ParsedRsuPayload | undefined {
	try {
		return parseRsuPayload(bytes);
	} catch (e) {
		if (e instanceof UperError) return undefined;
		throw e;
	}
}

/**
 * Ranking of clean attempts, most likely first: UPER before protobuf (a UPER frame that decodes
 * completely with every constraint holding rarely happens by chance, and protobuf comes first
 * only when no UPER reading is clean); then fewer unknown extensions (the profile that knows
 * the sender's additions); then bare before framed; then re-encoding to the same octets; then
 * the newer profile among sets that read the bits alike (csae53-2020 before csae157-2020, which
 * adds phase 2, before the 2019 draft, before 2017).
 */
function rank(a: DetectAttempt, b: DetectAttempt): number {
	const order = ['csae53-2020', 'csae157-2020', 'csae53-2020-draft', 'csae53-2017'];
	const framingOrder: DetectedFraming[] = ['bare', 'back-to-back', 'rsu-single', 'rsu-counted'];
	return (
		Number(a.encoding === 'protobuf') - Number(b.encoding === 'protobuf') ||
		a.unknownExtensions - b.unknownExtensions ||
		framingOrder.indexOf(a.framing) - framingOrder.indexOf(b.framing) ||
		Number(b.canonical) - Number(a.canonical) ||
		order.indexOf(a.profile ?? '') - order.indexOf(b.profile ?? '')
	);
}

/**
 * Tries `bytes` as every encoding the playground reads: a protobuf `cv2x.v1.MessageFrame`
 * (decoded and validated), and under each built-in UPER profile (X.691 unaligned PER; a
 * complete decode: all bits consumed, zero padding, constraints hold) as one bare frame,
 * several frames back to back (when one frame leaves octets over), and, when the input fits
 * the RSU-to-cloud framing in either layout, the frames inside it. `profiles` limits the
 * profiles tried (default: all built-in ones, oldest first); a user's profile may be added.
 * Never throws for any input: every failure is an attempt's `error`. `best` ranks the clean
 * attempts (see `rank`): e.g. a captured RSI gives `best[0].title` "T/CSAE 53-2020 draft
 * (2019-07-24)" and an attempt under csae53-2020 with its error.
 */
export function detectEncoding(bytes: Uint8Array, profiles: UperProfile[] = profileNames().map(profile)): Detection {
	const attempts: DetectAttempt[] = [protobufAttempt(bytes)];
	for (const p of profiles) attempts.push(...bareUperAttempts(bytes, p));
	const rsu = tryRsu(bytes);
	if (rsu) for (const p of profiles) attempts.push(rsuUperAttempt(rsu, p));
	const best = attempts.filter((a) => a.ok).sort(rank);
	markAlike(best);
	if (!rsu) return { attempts, best };
	const { frames: _frames, ...header } = rsu;
	return { attempts, best, rsu: header };
}

/** Sets `alike` on every clean UPER attempt: the profiles reading the same frames to equal values. */
function markAlike(best: DetectAttempt[]): void {
	const same = (a: DetectAttempt, b: DetectAttempt) =>
		a.framing === b.framing &&
		a.frames.length === b.frames.length &&
		a.frames.every((f, i) => f.offset === b.frames[i].offset && valuesEqual(f.value as AsnValue, b.frames[i].value as AsnValue));
	const uper = best.filter((a) => a.encoding === 'uper');
	for (const a of uper) a.alike = uper.filter((b) => b !== a && same(a, b)).map((b) => b.profile!);
}

/**
 * One line per attempt for people: `ok  T/CSAE 53-2020 draft (2019-07-24), bare: rsiFrame` or
 * `no  T/CSAE 53-2020 (YD/T 3709-2020), bare: <error message>`; the best first.
 */
export function describeDetection(d: Detection): string[] {
	const line = (a: DetectAttempt) =>
		a.ok
			? `ok  ${a.title}, ${a.framing}: ${a.frames.map((f) => f.frameType ?? '?').join(', ')}${a.unknownExtensions ? ` (${a.unknownExtensions} unknown extension(s))` : ''}${a.alike?.length ? ` (read alike by ${a.alike.join(', ')})` : ''}`
			: `no  ${a.title}, ${a.framing}: ${a.error?.message}`;
	return [...d.best, ...d.attempts.filter((a) => !a.ok)].map(line);
}
