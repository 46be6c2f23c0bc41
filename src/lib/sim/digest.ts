// A digest of an event stream, in plain 32-bit integer arithmetic, so Node and every browser
// compute the same value for the same run: the proof that a seed reproduces a run exactly.
import type { SimEvent } from './events';

/** Two independent FNV-1a 32-bit lanes: 64 bits of digest, no BigInt, no crypto API. */
export class StreamDigest {
	private a = 0x811c9dc5;
	private b = 0x01000193 ^ 0x5bd1e995;

	private byte(x: number) {
		this.a = Math.imul(this.a ^ x, 0x01000193) >>> 0;
		this.b = Math.imul(this.b ^ x, 0x01000193 + 0x1000) >>> 0;
	}

	bytes(data: Uint8Array) {
		for (let i = 0; i < data.length; i++) this.byte(data[i]);
	}

	text(s: string) {
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			this.byte(c & 0xff);
			this.byte(c >>> 8);
		}
	}

	/** Adds one event: transmissions with their bytes, others as JSON. */
	event(e: SimEvent) {
		if (e.kind === 'tx') {
			this.text(`${e.t}|${e.sender}|${e.channel}|${e.type}|${e.receiverCount}|${e.receivers.join(',')}|${e.latencyMs}|`);
			this.bytes(e.bytes);
		} else this.text(JSON.stringify(e));
	}

	hex(): string {
		return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
	}
}
