// GB 2312 text (the `textGB2312` alternative of T/CSAE 53 Description: EUC-CN octets, two per
// Chinese character, ASCII as one) <-> JS strings, with the platform's GB 18030 decoder (a
// superset) and a reverse table built once from the GB 2312 rows (0xA1..0xF7 x 0xA1..0xFE).

let table: Map<string, number> | undefined;

function reverseTable(): Map<string, number> {
	if (table) return table;
	table = new Map();
	const d = new TextDecoder('gb18030');
	for (let hi = 0xa1; hi <= 0xf7; hi++)
		for (let lo = 0xa1; lo <= 0xfe; lo++) {
			const ch = d.decode(Uint8Array.of(hi, lo));
			if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (hi << 8) | lo);
		}
	return table;
}

/** EUC-CN octets as text; `undefined` when they are not valid GB 2312 (GB 18030 extensions count as invalid). */
export function decodeGb2312(bytes: Uint8Array): string | undefined {
	let text: string;
	try {
		text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
	const back = encodeGb2312(text);
	return back && back.length === bytes.length && back.every((b, i) => b === bytes[i]) ? text : undefined;
}

/** Text as EUC-CN octets; `undefined` when a character is outside GB 2312. */
export function encodeGb2312(text: string): Uint8Array | undefined {
	const t = reverseTable();
	const out: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80) out.push(code);
		else {
			const g = t.get(ch);
			if (g === undefined) return undefined;
			out.push(g >> 8, g & 0xff);
		}
	}
	return Uint8Array.from(out);
}
