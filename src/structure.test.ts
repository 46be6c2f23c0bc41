// The code's shape, checked: no function in src/lib is longer than about 80 lines, and the
// folders of src/lib import each other in one direction only (no cycle between folders).
// Both read the sources with TypeScript's own parser, so a test fails the moment either slips.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const LIB = resolve(__dirname, 'lib');
const MAX_FUNCTION_LINES = 80;

function sources(dir: string): string[] {
	const out: string[] = [];
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) {
			if (e.name !== 'generated') out.push(...sources(p));
		} else if (/\.(ts|svelte)$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(p);
	}
	return out;
}

/** The TypeScript of a file: a .ts file whole, a .svelte file's <script> blocks (other lines blanked, so line numbers hold). */
function scriptOf(path: string): string {
	const text = readFileSync(path, 'utf8');
	if (!path.endsWith('.svelte')) return text;
	let inScript = false;
	return text
		.split('\n')
		.map((line) => {
			if (/^\s*<script\b/.test(line)) {
				inScript = !/<\/script>/.test(line);
				return '';
			}
			if (/^\s*<\/script>/.test(line)) {
				inScript = false;
				return '';
			}
			return inScript ? line : '';
		})
		.join('\n');
}

const FILES = sources(LIB).map((path) => ({
	path,
	rel: relative(LIB, path),
	ast: ts.createSourceFile(path, scriptOf(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
}));

function longFunctions(): string[] {
	const found: string[] = [];
	for (const { rel, ast } of FILES) {
		const visit = (node: ts.Node) => {
			if (ts.isFunctionLike(node) && 'body' in node && node.body) {
				const start = ast.getLineAndCharacterOfPosition(node.getStart(ast)).line;
				const end = ast.getLineAndCharacterOfPosition(node.getEnd()).line;
				const lines = end - start + 1;
				if (lines > MAX_FUNCTION_LINES) {
					const name = (node as ts.FunctionLikeDeclaration).name?.getText(ast) ?? '(anonymous)';
					found.push(`${rel}:${start + 1} ${name}: ${lines} lines`);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(ast);
	}
	return found;
}

/** The src/lib folder (its first path segment) a module specifier points into, if any. */
function folderOf(fromFile: string, spec: string): string | null {
	let target: string;
	if (spec.startsWith('$lib/')) target = join(LIB, spec.slice(5));
	else if (spec.startsWith('.')) target = resolve(dirname(fromFile), spec);
	else return null;
	const rel = relative(LIB, target);
	if (rel.startsWith('..')) return null;
	return rel.split(/[\\/]/)[0].replace(/\.(ts|js|svelte)$/, '');
}

function folderGraph(): Map<string, Map<string, string>> {
	const graph = new Map<string, Map<string, string>>();
	for (const { path, rel, ast } of FILES) {
		const from = rel.split(/[\\/]/)[0];
		if (!rel.includes('/') && !rel.includes('\\')) continue; // files at src/lib's root belong to no folder
		for (const st of ast.statements) {
			const spec =
				(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)
					? st.moduleSpecifier.text
					: null;
			if (!spec) continue;
			const to = folderOf(path, spec);
			if (!to || to === from) continue;
			if (!graph.has(from)) graph.set(from, new Map());
			if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${rel} imports ${spec}`);
		}
	}
	return graph;
}

/** Every cycle, as the chain of imports that closes it (depth-first search with colours). */
function cycles(graph: Map<string, Map<string, string>>): string[] {
	const found: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (n: string) => {
		state.set(n, 'open');
		stack.push(n);
		for (const m of graph.get(n)?.keys() ?? []) {
			if (state.get(m) === 'open') {
				const loop = [...stack.slice(stack.indexOf(m)), m];
				found.push(loop.slice(1).map((to, i) => graph.get(loop[i])!.get(to)!).join('; '));
			} else if (!state.has(m)) visit(m);
		}
		stack.pop();
		state.set(n, 'done');
	};
	for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
	return found;
}

describe('code structure', () => {
	test('the parser sees the sources', () => {
		expect(FILES.length).toBeGreaterThan(50);
		expect(FILES.some((f) => f.rel.endsWith('.svelte'))).toBe(true);
	});
	test(`no function in src/lib is longer than ${MAX_FUNCTION_LINES} lines`, () => {
		expect(longFunctions()).toEqual([]);
	});
	test('no import cycle between the folders of src/lib', () => {
		expect(cycles(folderGraph())).toEqual([]);
	});
	test('the cycle check finds a cycle when there is one', () => {
		const g = new Map([
			['a', new Map([['b', 'a/x.ts imports ../b']])],
			['b', new Map([['a', 'b/y.ts imports ../a']])]
		]);
		expect(cycles(g)).toEqual(['a/x.ts imports ../b; b/y.ts imports ../a']);
	});
});
