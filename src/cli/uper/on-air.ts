// `cv2x sim --encoding uper`: PC5 messages put on the air as ASN.1 UPER under a profile, the way
// deployed units send them. The simulation builds the model's frames; each PC5 frame is mapped
// (src/lib/uper/mapping) and UPER-encoded here. Uu (cloud) messages stay protobuf: no standard
// UPER exists for them.
import { Cv2xError, decodeFrame } from '../../lib/codec';
import type { SimEvent } from '../../lib/sim';
import { encode, UperError } from '../../lib/uper';
import { fromModel } from '../../lib/uper/mapping';
import { profile, type ProfileName } from '../../lib/uper/profiles';

type TxEvent = Extract<SimEvent, { kind: 'tx' }>;

/**
 * Re-encodes PC5 transmissions as UPER MessageFrames of one built-in profile. A type the profile
 * has no message for (e.g. phase 2 outside csae157-2020) stays protobuf and is counted in
 * `keptProtobuf` by type.
 */
export class OnAirUper {
	readonly keptProtobuf = new Map<string, number>();
	private readonly set;

	constructor(private readonly profileName: ProfileName) {
		this.set = profile(profileName).schema;
	}

	/** The event as sent: PC5 bytes in UPER (X.691 unaligned PER) where the profile allows, else unchanged. */
	transcode<E extends SimEvent>(ev: E): E {
		if (ev.kind !== 'tx' || (ev as TxEvent).channel !== 'pc5') return ev;
		const tx = ev as TxEvent;
		try {
			const { value } = fromModel(decodeFrame(tx.bytes), this.profileName);
			return { ...ev, bytes: encode(this.set.root ?? 'MessageFrame', value, this.set) };
		} catch (e) {
			if (!(e instanceof UperError) && !(e instanceof Cv2xError)) throw e;
			this.keptProtobuf.set(tx.type, (this.keptProtobuf.get(tx.type) ?? 0) + 1);
			return ev;
		}
	}

	/** A summary line for the types kept in protobuf, or null when every PC5 message went out in UPER. */
	summary(): string | null {
		if (!this.keptProtobuf.size) return null;
		const list = [...this.keptProtobuf].map(([t, n]) => `${t} ${n}`).join(', ');
		return `PC5 kept in protobuf (no ${this.profileName} message for the type): ${list}`;
	}
}
