// What the two RSU-to-cloud dialects make of one message: the RSU docking convention (binary
// framing, UPER inside) and OpenV2X-style JSON (X.697 JER of the message). Both publish an RSU's
// own messages under that RSU, and road users' messages through each RSU that heard them: BSMs
// batched per RSU and step (docking: a counted payload of at most 255 frames; openv2x: a JSON
// array), other road-user types (PSM, …) one publication each.
import { toJer, writeRsuPayload } from '../../uper';
import { profile as profileOf, type ProfileName } from '../../uper/profiles';
import type { Publication } from '../types';
import { dockingTopic, openv2xTopic } from './topics';
import { messageJerText } from './jer-text';
import type { UperForm } from './uper-form';

/** An RSU as the dialects name it: its 8-octet id (docking) and its esn (openv2x). */
export interface RsuRef {
	id8: Uint8Array;
	esn: string;
}

/** One RSU dialect: what a message becomes, and how one or a batch of them is published. */
export interface RsuDialect<T> {
	/** whether `item` needs the ASN.1 value (it always gets the UPER octets) */
	readonly withValue: boolean;
	item(form: UperForm): T;
	publish(rsu: RsuRef, topicType: string, items: T[], timeMs: number, batched: boolean): Publication[];
}

/** Most frames in one counted docking payload (count is one octet). */
export const MAX_BATCH = 255;

/** The docking dialect: `V2X.RSU.<TYPE>.UP`, writeRsuPayload framing, QoS 0. */
export const docking: RsuDialect<Uint8Array> = {
	withValue: false,
	item: (form) => form.bytes,
	publish(rsu, topicType, items, timeMs, batched) {
		const topic = dockingTopic(topicType);
		const out: Publication[] = [];
		if (!batched) {
			for (const f of items) out.push({ topic, qos: 0, payload: writeRsuPayload({ rsuId: rsu.id8, timestampMs: timeMs, frames: [f] }, 'single') });
			return out;
		}
		for (let i = 0; i < items.length; i += MAX_BATCH) {
			const frames = items.slice(i, i + MAX_BATCH);
			out.push({ topic, qos: 0, payload: writeRsuPayload({ rsuId: rsu.id8, timestampMs: timeMs, frames }, 'counted') });
		}
		return out;
	}
};

const utf8 = new TextEncoder();

/**
 * The openv2x dialect: `V2X/RSU/<esn>/<TYPE>/UP`, the message's X.697 JER as UTF-8 JSON (a
 * batch: a JSON array of them), QoS 0. `profile` names the schema the JER is written under.
 */
export function openv2x(profile: ProfileName): RsuDialect<string> {
	const schema = profileOf(profile).schema;
	return {
		withValue: true,
		// the fast writer; toJer where it gives up (it then also says what is wrong)
		item: (form) => messageJerText(schema, form.value!) ?? JSON.stringify(messageJer(toJer('MessageFrame', form.value!, schema))),
		publish(rsu, topicType, items, _timeMs, batched) {
			const topic = openv2xTopic(rsu.esn, topicType);
			if (batched) return [{ topic, qos: 0, payload: utf8.encode(`[${items.join(',')}]`) }];
			return items.map((text) => ({ topic, qos: 0 as const, payload: utf8.encode(text) }));
		}
	};
}

/**
 * The message inside a MessageFrame's JER: the CHOICE alternative's value (`{"bsmFrame": X}` ->
 * X); for T/CSAE 157-2020 `msgFrameExt` the open type's value (the SSM, PSM, … itself; the topic
 * TYPE says which messageId it is).
 */
function messageJer(frame: ReturnType<typeof toJer>): ReturnType<typeof toJer> {
	const [alt, inner] = Object.entries(frame as Record<string, ReturnType<typeof toJer>>)[0];
	return alt === 'msgFrameExt' ? (inner as Record<string, ReturnType<typeof toJer>>).value : inner;
}

/**
 * The RSU's 8-octet docking id from its name: the last 8 characters, padded on the left with
 * `-`, as the simulation's RSUs put it in their messages (sim/rsus.ts); characters outside
 * printable ASCII become `?`.
 */
export function rsuId8(name: string): Uint8Array {
	const tag = name.slice(-8).padStart(8, '-');
	return Uint8Array.from({ length: 8 }, (_, i) => {
		const c = tag.charCodeAt(i);
		return c >= 0x20 && c <= 0x7e ? c : 0x3f;
	});
}
