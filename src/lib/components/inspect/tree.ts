// The shared tree's rows and its remembered expansion state (FieldTree.svelte): the protobuf
// view (ByteView) and the UPER bit view (BitView) both map their rows to TreeRow. No codec
// imports: the playground's inspector loads this without the codec.

/** A text in both languages of the app (src/lib/meaning's Meaning, and the rows' violation/malformed). */
export interface Bilingual {
	en: string;
	zh: string;
}

/** One row of the tree as FieldTree draws it. */
export interface TreeRow {
	/** Index in the row list (the view's row id). */
	id: number;
	depth: number;
	/** Key of the row in the remembered expansion state (its field path, unique among rows with parts). */
	key: string;
	name: string;
	/** The name is a structural label (preamble, length…), drawn in grey italics. */
	structural?: boolean;
	value: string;
	/** The value's meaning (or physical reading) in the language shown. */
	meaning?: string;
	unit?: string;
	/** A short note at the row's end (the bit count). */
	extra?: string;
	/** Everything about the row, for the hover title: made when hovered (a big input has many rows). */
	title: () => string;
	/** The row has parts (a message, SEQUENCE, CHOICE…), so it opens and closes. */
	hasParts: boolean;
	/** The rule this value breaks, in the language shown. */
	violation?: string;
	/** Why decoding failed at this node, in the language shown. */
	malformed?: string;
	/** The row stands for bytes/bits that were not decoded. */
	raw?: boolean;
	/** Extra classes (bit roles) and data attributes (tests, the bytes pane). */
	cls?: string;
	attrs: Record<string, string | number>;
}

/** A Meaning-like object ({en, zh}) or undefined: the optional fields of the contract, read defensively. */
export function bilingual(x: unknown): Bilingual | undefined {
	if (x && typeof x === 'object' && typeof (x as Bilingual).en === 'string' && typeof (x as Bilingual).zh === 'string') return x as Bilingual;
	return undefined;
}

/** The text of a Bilingual in `locale` (Chinese falls back to English when empty). */
export function inLocale(b: Bilingual | undefined, locale: string): string | undefined {
	if (!b) return undefined;
	return locale === 'zh' ? b.zh || b.en : b.en;
}

/** For each row, the id of its parent (the nearest earlier row one level up), or -1. */
export function parentsOf(rows: readonly { depth: number }[]): Int32Array {
	const parents = new Int32Array(rows.length).fill(-1);
	const stack: number[] = [];
	for (let i = 0; i < rows.length; i++) {
		const d = rows[i].depth;
		parents[i] = d > 0 ? (stack[d - 1] ?? -1) : -1;
		stack.length = d;
		stack[d] = i;
	}
	return parents;
}

/**
 * How the tree opens: `def` for nodes not toggled one by one (`auto`: open unless the view's
 * default closes it, e.g. a MAP below its top levels), and the nodes the user toggled.
 */
export interface Expansion {
	def: 'auto' | 'open' | 'closed';
	toggled: Map<string, boolean>;
}

const STORAGE_PREFIX = 'cv2x.tree.';
/** Toggled nodes kept per message type: enough for any reading session, small in localStorage. */
const MAX_TOGGLED = 200;

/** The remembered expansion for a message type (`bsm`, `uper:mapFrame`); a fresh one when none or unreadable. */
export function loadExpansion(type: string): Expansion {
	try {
		const s = localStorage.getItem(STORAGE_PREFIX + type);
		if (s) {
			const j = JSON.parse(s) as { d?: string; t?: [string, boolean][] };
			const def = j.d === 'open' || j.d === 'closed' ? j.d : 'auto';
			return { def, toggled: new Map(Array.isArray(j.t) ? j.t.slice(-MAX_TOGGLED) : []) };
		}
	} catch {
		// no storage (private mode) or a damaged entry: start from the default
	}
	return { def: 'auto', toggled: new Map() };
}

/** Remembers `e` for a message type; the latest MAX_TOGGLED toggles only. Storage errors are ignored. */
export function saveExpansion(type: string, e: Expansion): void {
	try {
		const t = [...e.toggled].slice(-MAX_TOGGLED);
		if (e.def === 'auto' && t.length === 0) localStorage.removeItem(STORAGE_PREFIX + type);
		else localStorage.setItem(STORAGE_PREFIX + type, JSON.stringify({ d: e.def, t }));
	} catch {
		// full or blocked storage: the tree still works, it just is not remembered
	}
}

/** Printable ASCII (0x20..0x7e) as itself, anything else as '.', as Wireshark's bytes pane. */
export function asciiOf(b: number): string {
	return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}
