// A publication that arrived -> the messages in it, or why not: the dialect from the topic, else
// from the payload. Never throws.
import type { ProfileName } from '../../uper/profiles';
import { readDetected } from './detect';
import { readCv2x, readDocking } from './read-binary';
import { readOpenv2x } from './read-json';
import { failed, type ReadResult } from './result';
import { errorText, quote } from './text';
import { parseTopic } from './topics';
import { READ_ORDER } from './uper-read';

/** Options of readPublication. */
export interface ReadOptions {
	/**
	 * UPER profiles to read docking frames and openv2x JSON under, in order (default READ_ORDER:
	 * the 2019 draft, T/CSAE 53-2020, T/CSAE 157-2020, T/CSAE 53-2017). Put the publisher's
	 * profile first when it is known: a message then costs one attempt.
	 */
	profiles?: readonly ProfileName[];
}

/**
 * Reads one MQTT publication. The dialect comes from the topic: `V2X.RSU.<TYPE>.UP` docking
 * (RSU framing, UPER inside), `V2X/RSU/<esn>/<TYPE>/UP` openv2x (X.697 JER as JSON, an array
 * for a batch), `cv2x/v1/<node>/<type>` cv2x (a protobuf MessageFrame); any other topic: from
 * the payload (JSON, protobuf, bare UPER, RSU framing). Each message is decoded completely once
 * and carried with its bytes (UPER under the profile that read it, or protobuf), its encoding and
 * its model `frame`. Sender: the cv2x node, the docking rsuId as text, the openv2x esn (or the
 * topic, when the payload was detected). A message's own identity (a BSM's id) is in its frame.
 * `undecodable` holds the topic, all the payload's bytes and one line saying what failed and
 * where (byte offset for the framing, bit offset and field path for UPER, JSON path for JER,
 * byte offset and field path for protobuf); a batch keeps the messages that decode beside it.
 * Never throws.
 */
export function readPublication(topic: string, payload: Uint8Array, opts: ReadOptions = {}): ReadResult {
	const profiles = opts.profiles?.length ? opts.profiles : READ_ORDER;
	try {
		const t = parseTopic(topic);
		if (!t) return readDetected(topic, payload, profiles);
		switch (t.dialect) {
			case 'cv2x':
				return readCv2x(topic, t.sender!, payload);
			case 'docking':
				return readDocking(topic, t.typeLevel, payload, profiles);
			case 'openv2x':
				if (!t.type) return failed(topic, payload, `openv2x topic TYPE ${quote(t.typeLevel)} names no message type with an ASN.1 form (BSM, MAP, SPAT, RSI, RSM, SSM, PSM, …)`);
				return readOpenv2x(topic, t.sender!, t.type, payload, profiles);
		}
	} catch (e) {
		// a reader bug must not take the link down: the publication is shown as undecodable
		return failed(topic, payload, `reader failed: ${errorText(e)}`);
	}
}
