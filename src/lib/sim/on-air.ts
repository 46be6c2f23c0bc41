// The on-air format of PC5 messages: the protobuf model (cv2x.v1.MessageFrame), or ASN.1 UPER
// (ITU-T X.691 unaligned PER) under a CSAE profile, as deployed units send them. The simulation
// builds model frames; this maps each PC5 frame straight from the model object
// (src/lib/uper/mapping fromModel, no protobuf round trip) and encodes it, and receivers decode
// what came off the air (UPER decode -> toModel). Uu (cloud) messages stay protobuf: no standard
// UPER exists for them.
import { Cv2xError, PROTOCOL_VERSION, decodeFrame as codecDecodeFrame, encodeFrame as codecEncodeFrame, makeFrame as codecMakeFrame, type MessageFrame, type PbObject } from '../codec';
import { decodeUperFrame, encodeUperFrame, UperError } from '../uper';
import { fromModel, toModel } from '../uper/mapping';
import { isProfileName, profile, profileNames, type ProfileName } from '../uper/profiles';
import type { Channel } from './events';

// Imported bindings read once into module constants: a CommonJS-compiled run (tsx: the bench,
// the tests) reads every imported name through a getter at each use, ~10 per message.
const decodeFrame = codecDecodeFrame, encodeFrame = codecEncodeFrame, makeFrame = codecMakeFrame;

/** What bytes are encoded in: the protobuf model or UPER (the profile travels beside them). */
export type FrameEncoding = 'protobuf' | 'uper';

/** The on-air format chosen for PC5: the protobuf model, or UPER under a built-in profile. */
export type OnAir = { encoding: 'protobuf' } | { encoding: 'uper'; profile: ProfileName };

export const PROTOBUF_ON_AIR: OnAir = { encoding: 'protobuf' };

/**
 * What is wrong with an on-air choice (from a message or a file), or null. Names the field and
 * lists the known profiles.
 */
export function onAirProblem(v: unknown): string | null {
	if (typeof v !== 'object' || v === null) return 'on-air format must be an object {encoding, profile?}';
	const o = v as Record<string, unknown>;
	if (o.encoding === 'protobuf') return null;
	if (o.encoding !== 'uper') return `on-air "encoding" must be "protobuf" or "uper", got ${JSON.stringify(o.encoding)}`;
	if (typeof o.profile !== 'string' || !isProfileName(o.profile))
		return `on-air "profile" must be one of ${profileNames().join(', ')}, got ${JSON.stringify(o.profile)}`;
	return null;
}

/** Same choice? (protobuf ignores any profile). */
export function sameOnAir(a: OnAir, b: OnAir): boolean {
	return a.encoding === b.encoding && (a.encoding === 'protobuf' || a.profile === (b as { profile: ProfileName }).profile);
}

/**
 * Encodes and decodes frames in a run's on-air format. `keptProtobuf` counts, by type, the PC5
 * messages that stayed protobuf because the profile has no message for their type (phase 2
 * outside csae157-2020).
 */
export class OnAirCodec {
	readonly keptProtobuf = new Map<string, number>();
	private readonly noMessage = new Set<string>();
	/** The frame's payload property for each type, as makeFrame found it (its lookup is a search). */
	private readonly propOf = new Map<string, string>();

	constructor(readonly onAir: OnAir = PROTOBUF_ON_AIR) {
		if (onAir.encoding === 'uper') profile(onAir.profile); // fail at the start, not at the first message
	}

	/** The UPER profile, or undefined for protobuf. */
	get profile(): ProfileName | undefined {
		return this.onAir.encoding === 'uper' ? this.onAir.profile : undefined;
	}

	/**
	 * A message of `type` (payload field name) with `payload` (model object) as sent on `channel`:
	 * its bytes and their encoding. Throws what encodeFrame throws (Cv2xValidationError) for a
	 * payload outside the model's ranges, whatever the format.
	 */
	encode(channel: Channel, type: string, payload: PbObject): { bytes: Uint8Array; encoding: FrameEncoding } {
		const frame = this.frame(type, payload);
		const p = this.profile;
		if (p === undefined || channel !== 'pc5') return { bytes: encodeFrame(frame), encoding: 'protobuf' };
		if (!this.noMessage.has(type)) {
			try {
				return { bytes: encodeUperFrame(fromModel(frame, p).value, p), encoding: 'uper' };
			} catch (e) {
				if (!(e instanceof UperError) && !(e instanceof Cv2xError)) throw e;
				// a type the profile lacks is known after one try; a value it cannot carry is tried each time
				if (e instanceof Cv2xError && e.code === 'unknown_type') this.noMessage.add(type);
			}
		}
		const bytes = encodeFrame(frame);
		this.keptProtobuf.set(type, (this.keptProtobuf.get(type) ?? 0) + 1);
		return { bytes, encoding: 'protobuf' };
	}

	/** makeFrame(type, payload), its payload property looked up once per type. Throws makeFrame's Cv2xError for an unknown type. */
	private frame(type: string, payload: PbObject): MessageFrame {
		const prop = this.propOf.get(type);
		if (prop !== undefined) return { protocolVersion: PROTOCOL_VERSION, [prop]: payload } as MessageFrame;
		const frame = makeFrame(type, payload);
		this.propOf.set(type, Object.keys(frame).find((k) => k !== 'protocolVersion')!);
		return frame;
	}

	/** The model frame `bytes` carry, read as `encoding` (UPER under this run's profile). */
	decode(bytes: Uint8Array, encoding: FrameEncoding): MessageFrame {
		return decodeOnAir(bytes, encoding, this.profile);
	}

	/** A summary line for the types kept in protobuf, or null when every PC5 message went out in UPER. */
	summary(): string | null {
		if (!this.keptProtobuf.size || !this.profile) return null;
		const list = [...this.keptProtobuf].map(([t, n]) => `${t} ${n}`).join(', ');
		return `PC5 kept in protobuf (no ${this.profile} message for the type): ${list}`;
	}
}

/**
 * Bytes as a model frame: protobuf as they are, UPER under `profileName` (X.691 unaligned PER,
 * a MessageFrame filling the input) mapped to the model (fields the model lacks are dropped;
 * the mapping's notices are not kept here). Throws Cv2xError (protobuf) or UperError (bit offset,
 * field path); UPER without a profile is a Cv2xError.
 */
export function decodeOnAir(bytes: Uint8Array, encoding: FrameEncoding, profileName: ProfileName | undefined): MessageFrame {
	if (encoding === 'protobuf') return decodeFrame(bytes);
	if (!profileName) throw new Cv2xError('invalid', 'UPER bytes without a profile to read them under');
	return toModel(decodeUperFrame(bytes, profileName).value, profileName).frame;
}
