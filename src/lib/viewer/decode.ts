// Decoding one packet of the table, on demand: protobuf (codec decodeFrame) or UPER under a
// profile (uper decodeUperFrame, then mapping toModel into the same MessageFrame shape), the
// sniffed encoding first, the other as a fallback. The result is remembered in the table's
// encoding and type columns.
import { Cv2xError, decodeFrame, frameType, type MessageFrame } from '../codec';
import { decodeUperFrame, UperError } from '../uper';
import { toModel } from '../uper/mapping';
import { profileNames, type ProfileName } from '../uper/profiles';
import { ENC_PROTOBUF, ENC_UPER, UNKNOWN_TYPE, type PacketTable } from './table';

/** A decoded packet: the model frame, or why it could not be decoded. */
export interface DecodedPacket {
	frame?: MessageFrame;
	encoding: 'protobuf' | 'uper';
	/** the UPER profile it decoded under */
	profile?: ProfileName;
	/** mapping notices (fields one side lacks), UPER only */
	notices?: string[];
	/** why neither encoding decoded it (the sniffed encoding's error) */
	error?: string;
}

/** Which UPER profiles to try, first the one `cv2x sim --encoding uper` uses by default. */
export interface DecodeOptions {
	profiles?: ProfileName[];
}

/** The profiles tried when none are given, `cv2x sim --encoding uper`'s default first. */
export const DEFAULT_PROFILES: ProfileName[] = ['csae157-2020', ...profileNames().filter((p) => p !== 'csae157-2020')];

function asProtobuf(bytes: Uint8Array): DecodedPacket {
	const frame = decodeFrame(bytes);
	if (!frameType(frame)) throw new Cv2xError('no_payload', 'a MessageFrame without a payload');
	return { frame, encoding: 'protobuf' };
}

function asUper(bytes: Uint8Array, profiles: ProfileName[]): DecodedPacket {
	let first: unknown;
	for (const p of profiles) {
		try {
			const { value } = decodeUperFrame(bytes, p);
			const { frame, notices } = toModel(value, p);
			return { frame, encoding: 'uper', profile: p, notices };
		} catch (e) {
			if (!(e instanceof UperError) && !(e instanceof Cv2xError)) throw e;
			first ??= e;
		}
	}
	throw first;
}

/**
 * Decodes packet `i` of `table`. Never throws for bad bytes: `error` says why, from the sniffed
 * encoding's attempt ("protobuf: ..." / "UPER csae157-2020: ..."). On success the table's
 * encoding (and, when it was unknown, type) columns are updated.
 */
export function decodePacket(table: PacketTable, i: number, opts: DecodeOptions = {}): DecodedPacket {
	const bytes = table.payload(i);
	const profiles = opts.profiles ?? DEFAULT_PROFILES;
	const uperFirst = table.encoding(i) === 'uper';
	const tries: [string, () => DecodedPacket][] = [
		['protobuf', () => asProtobuf(bytes)],
		[`UPER ${profiles[0]}`, () => asUper(bytes, profiles)]
	];
	if (uperFirst) tries.reverse();
	let error: string | undefined;
	for (const [name, attempt] of tries) {
		try {
			const d = attempt();
			table.setEncoding(i, d.encoding === 'uper' ? ENC_UPER : ENC_PROTOBUF);
			if (table.type[i] === 0) table.type[i] = table.types.id(frameType(d.frame!) ?? UNKNOWN_TYPE);
			return d;
		} catch (e) {
			if (!(e instanceof UperError) && !(e instanceof Cv2xError)) throw e;
			error ??= `${name}: ${e.message}`;
		}
	}
	return { encoding: uperFirst ? 'uper' : 'protobuf', error };
}
