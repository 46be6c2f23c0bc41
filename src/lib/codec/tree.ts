import type { DumpNode } from './dump';

/** Every leaf node, depth first (for tables and byte maps). */
export function flattenDump(node: DumpNode, out: DumpNode[] = []): DumpNode[] {
	for (const c of node.children ?? []) {
		out.push(c);
		flattenDump(c, out);
	}
	return out;
}

/**
 * Checks that the children of every node tile its value bytes exactly (a test helper). A group's
 * value ends with its end tag, which is no child: 1 to 5 bytes are left for it.
 */
export function tiles(node: DumpNode): boolean {
	if (!node.children) return true;
	let at = node.offset + node.headerLength;
	for (const c of node.children) {
		if (c.offset !== at || !tiles(c)) return false;
		at += c.length;
	}
	const end = node.offset + node.length;
	if (node.type === 'group') return end - at >= 1 && end - at <= 5;
	return at === end;
}

