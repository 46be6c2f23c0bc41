import type { DumpNode } from './dump';

/** Every leaf node, depth first (for tables and byte maps). */
export function flattenDump(node: DumpNode, out: DumpNode[] = []): DumpNode[] {
	for (const c of node.children ?? []) {
		out.push(c);
		flattenDump(c, out);
	}
	return out;
}

/** Checks that the children of every node tile its value bytes exactly (a test helper). */
export function tiles(node: DumpNode): boolean {
	if (!node.children) return true;
	let at = node.offset + node.headerLength;
	for (const c of node.children) {
		if (c.offset !== at || !tiles(c)) return false;
		at += c.length;
	}
	return at === node.offset + node.length;
}

