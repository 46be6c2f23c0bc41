// A transmission's message in ASN.1 UPER under a chosen profile, for the dialects that carry
// UPER (docking) or its value (openv2x): the transmission's own bytes when they already are UPER
// in that profile (no re-encoding), else the model frame mapped (uper/mapping fromModel) and
// encoded. What cannot be carried says why.
import { Cv2xError, encodeFrame, type MessageFrame } from '../../codec';
import { decodeOnAir, type Transmission } from '../../sim';
import { decodeUperFrame, encodeUperFrame, UperError, type AsnValue } from '../../uper';
import { fromModel } from '../../uper/mapping';
import type { ProfileName } from '../../uper/profiles';
import { hasUperForm } from './slots';

/**
 * Why a message was not carried:
 * - `no-uper`: its type has no UPER form under the profile (the cloud's own types; phase 2
 *   outside csae157-2020);
 * - `not-heard`: a road user's message that no RSU received (the RSU dialects carry road users'
 *   messages only through the RSUs that heard them);
 * - `value`: a value the profile cannot carry (outside its ranges, or failing to map).
 */
export type NotCarriedReason = 'no-uper' | 'not-heard' | 'value';

export const NOT_CARRIED_REASONS: readonly NotCarriedReason[] = ['no-uper', 'not-heard', 'value'];

/** Thrown by `uperOf` for a message that cannot be carried: the reason and one line saying why. */
export class NotCarried extends Error {
	constructor(
		readonly reason: NotCarriedReason,
		message: string
	) {
		super(message);
		this.name = 'NotCarried';
	}
}

/** A message's UPER form under a profile: its octets and, when asked for, its ASN.1 value. */
export interface UperForm {
	bytes: Uint8Array;
	value?: AsnValue;
}

/**
 * Converts transmissions to UPER under `profile`, remembering the types the profile has no
 * message for (known after one try, as sim/on-air.ts does).
 */
export class UperConverter {
	private readonly noMessage = new Set<string>();

	constructor(readonly profile: ProfileName) {}

	/**
	 * `tx`'s message as UPER under the profile (X.691 unaligned PER MessageFrame). `withValue`
	 * also returns the decoded ASN.1 value (for JER). The transmission's bytes are reused when they
	 * are UPER in this profile; else its model frame is mapped and encoded. Throws `NotCarried`.
	 */
	convert(tx: Transmission, withValue: boolean): UperForm {
		if (!this.hasForm(tx.type)) throw this.noForm(tx.type);
		try {
			if (tx.encoding === 'uper' && tx.profile === this.profile) {
				return { bytes: tx.bytes, value: withValue ? decodeUperFrame(tx.bytes, this.profile).value : undefined };
			}
			const value = fromModel(decodeOnAir(tx.bytes, tx.encoding, tx.profile), this.profile).value;
			return { bytes: encodeUperFrame(value, this.profile), value };
		} catch (e) {
			if (e instanceof Cv2xError && e.code === 'unknown_type') {
				this.noMessage.add(tx.type);
				throw this.noForm(tx.type);
			}
			if (e instanceof Cv2xError || e instanceof UperError) throw new NotCarried('value', `${tx.type} #${tx.seq}: ${e.message}`);
			throw e;
		}
	}

	/** Whether the profile has a UPER message for `type` (payload field name). */
	hasForm(type: string): boolean {
		return hasUperForm(type, this.profile) && !this.noMessage.has(type);
	}

	private noForm(type: string): NotCarried {
		return new NotCarried('no-uper', `${type} has no UPER form under ${this.profile}`);
	}
}

/**
 * `tx`'s message as protobuf MessageFrame bytes (this project's model): its own bytes when they
 * are protobuf, else the UPER decoded and mapped to the model (uper/mapping toModel) and
 * encoded. Throws `NotCarried` ('value') when the UPER does not decode or the frame does not
 * encode.
 */
export function protobufOf(tx: Transmission): Uint8Array {
	if (tx.encoding === 'protobuf') return tx.bytes;
	let frame: MessageFrame;
	try {
		frame = decodeOnAir(tx.bytes, tx.encoding, tx.profile);
		return encodeFrame(frame);
	} catch (e) {
		if (e instanceof Cv2xError || e instanceof UperError) throw new NotCarried('value', `${tx.type} #${tx.seq}: ${e.message}`);
		throw e;
	}
}
