// Receivers in id order without sorting each broadcast: every node gets a rank (its place in id
// order) once per step, a broadcast marks the ranks it reaches in a bitmap, and reading the
// bitmap out gives them in order. A summary bit per 32-bit word lets the read-out skip empty
// stretches of 1,024 ranks, so a broadcast pays for its receivers, not for every node indexed.

/** Ranks packed with their index into one double: index below 2^21, id + 2^31 below 2^32. */
const INDEX_BITS = 2 ** 21;
const ID_BIAS = 2 ** 31;
/** Sort keys, reused from step to step (a world with VRUs indexes them after the vehicles: out of id order). */
let keyScratch = new Float64Array(0);

/**
 * Ranks of ids[0..n-1] in order of (id, index): writes rank[i] for each index i and, for each
 * rank r, rankId[r] = the id of that rank. Ids are int32; equal ids keep their index order (as a
 * stable sort would). Both outputs must hold n entries.
 */
export function rankByIds(ids: Int32Array, n: number, rank: Int32Array, rankId: Int32Array): void {
	let sorted = true;
	for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1] <= ids[i];
	if (sorted) {
		// the usual case: nodes are indexed in id order
		for (let i = 0; i < n; i++) {
			rank[i] = i;
			rankId[i] = ids[i];
		}
		return;
	}
	if (n >= INDEX_BITS) {
		const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a] - ids[b] || a - b);
		for (let r = 0; r < n; r++) {
			rank[order[r]] = r;
			rankId[r] = ids[order[r]];
		}
		return;
	}
	// exact in a double: (id + 2^31) * 2^21 + index < 2^53, so a native numeric sort orders by (id, index)
	if (keyScratch.length < n) keyScratch = new Float64Array(n * 2);
	const keys = keyScratch.subarray(0, n);
	for (let i = 0; i < n; i++) keys[i] = (ids[i] + ID_BIAS) * INDEX_BITS + i;
	keys.sort();
	for (let r = 0; r < n; r++) {
		const i = keys[r] % INDEX_BITS;
		rank[i] = r;
		rankId[r] = ids[i];
	}
}

/** A set of ranks 0..n-1, filled in any order and drained in increasing order. */
export class RankSet {
	private bits = new Int32Array(1);
	/** Bit w of summary word s: bits[s * 32 + w] is not empty. */
	private summary = new Int32Array(1);

	/** Makes room for ranks 0..n-1; the set must be empty. */
	reserve(n: number): void {
		const words = (n >>> 5) + 1;
		if (this.bits.length < words) {
			this.bits = new Int32Array(words * 2);
			this.summary = new Int32Array(((words * 2) >>> 5) + 1);
		}
	}

	/** Adds rank r (0 <= r < the reserved n). */
	add(r: number): void {
		const w = r >>> 5;
		this.bits[w] |= 1 << (r & 31);
		this.summary[w >>> 5] |= 1 << (w & 31);
	}

	/**
	 * Writes idOf[r] for every rank r in the set, in increasing r, to out[at ..], and empties
	 * the set. Returns how many were written.
	 */
	drain(idOf: Int32Array, out: Int32Array, at: number): number {
		const bits = this.bits;
		const summary = this.summary;
		let k = at;
		for (let s = 0; s < summary.length; s++) {
			let sw = summary[s];
			if (sw === 0) continue;
			summary[s] = 0;
			while (sw !== 0) {
				const sLow = sw & -sw;
				sw ^= sLow;
				const w = (s << 5) | (31 - Math.clz32(sLow));
				let bw = bits[w];
				bits[w] = 0;
				while (bw !== 0) {
					const low = bw & -bw;
					bw ^= low;
					out[k++] = idOf[(w << 5) | (31 - Math.clz32(low))];
				}
			}
		}
		return k - at;
	}
}
