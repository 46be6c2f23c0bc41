/** Interned strings: each distinct string once, referred to by a small integer id. */
export class StringTable {
	private readonly ids = new Map<string, number>();
	readonly list: string[] = [];

	/** The id of `s`, adding it on first sight. */
	id(s: string): number {
		let id = this.ids.get(s);
		if (id === undefined) {
			id = this.list.length;
			this.list.push(s);
			this.ids.set(s, id);
		}
		return id;
	}

	/** The id of `s` if it is there, else -1 (no packet carries it). */
	find(s: string): number {
		return this.ids.get(s) ?? -1;
	}

	/** Renames entry `id` (an address later named by a name resolution block). */
	rename(id: number, s: string): void {
		const old = this.list[id];
		if (this.ids.get(old) === id) this.ids.delete(old);
		this.list[id] = s;
		if (!this.ids.has(s)) this.ids.set(s, id);
	}

	/** Rough heap bytes: two bytes a character plus the map's and array's entries. */
	bytes(): number {
		let n = 0;
		for (const s of this.list) n += 2 * s.length + 48;
		return n;
	}
}
