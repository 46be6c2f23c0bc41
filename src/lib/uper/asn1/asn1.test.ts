// The ASN.1 parser on small modules: each construct the CSAE sets use, lowered to schema
// tables, and the errors (file:line:column, what was expected, unresolved references and
// where they are used, hostile nesting).
import { describe, expect, it } from 'vitest';
import { Asn1Error, compileModuleSet, reachableTypes, type ModuleText } from './index';
import { tokenize } from './lexer';

const mod = (name: string, body: string, header = `${name} DEFINITIONS AUTOMATIC TAGS ::= BEGIN`): ModuleText => ({
	name: `${name}.asn`,
	text: `${header}\n${body}\nEND\n`
});

const compile = (...files: ModuleText[]) => compileModuleSet('test', files);

function errorOf(f: () => unknown): Asn1Error {
	try {
		f();
	} catch (e) {
		expect(e).toBeInstanceOf(Asn1Error);
		return e as Asn1Error;
	}
	throw new Error('expected an Asn1Error');
}

describe('lexer (X.680 clause 12)', () => {
	it('drops -- and nested /* */ comments, keeps hyphenated names, numbers and punctuation', () => {
		const tokens = tokenize('/* a /* nested */ still */ truck-axleCnt2 -- note -- Foo ::= { ... [[ ]] -5..7 } -- to the end\n"a""b"', 'x.asn');
		expect(tokens.map((t) => t.text)).toEqual(['truck-axleCnt2', 'Foo', '::=', '{', '...', '[[', ']]', '-', '5', '..', '7', '}', 'a"b', 'end of file']);
		expect(tokens[1].place).toEqual({ file: 'x.asn', line: 1, column: 54 });
		expect(tokens[12].place.line).toBe(2);
	});

	it('rule lines of dashes: pairs alternate, an odd last dash stays in the comment', () => {
		const texts = (src: string) => tokenize(src, 'r.asn').map((t) => t.text);
		expect(texts('A -- title --- B\nC')).toEqual(['A', 'B', 'C', 'end of file']);
		expect(texts('A -- title ---- B\nC')).toEqual(['A', 'C', 'end of file']);
		expect(texts('A ------------------------- B\nC')).toEqual(['A', 'B', 'C', 'end of file']);
		expect(texts('A ---\n- 1')).toEqual(['A', '-', '1', 'end of file']);
	});

	it('names the place of an unterminated comment or string and of a stray character', () => {
		expect(errorOf(() => tokenize('A ::= /* open', 'a.asn')).message).toBe('a.asn:1:7: comment opened with /* is never closed by */');
		expect(errorOf(() => tokenize('\n  "open', 'a.asn')).message).toBe('a.asn:2:3: character string opened with " is never closed');
		expect(errorOf(() => tokenize('A ::= #', 'a.asn')).message).toMatch(/^a\.asn:1:7: unexpected character "#"/);
	});
});

describe('types and constraints lowered to schema tables', () => {
	it('INTEGER ranges, MIN/MAX, extensible, value references, named numbers', () => {
		const set = compile(
			mod(
				'M',
				`maxN INTEGER ::= 32
				A ::= INTEGER (0..127)
				B ::= INTEGER (-5..maxN, ...)
				C ::= INTEGER (MIN..0)
				D ::= INTEGER
				E ::= INTEGER { low(1), high(maxN) } (0..255)
				F ::= INTEGER (0..4294967295)
				G ::= A (1..10)
				H ::= INTEGER (1 | 5 | 3)
				I ::= G (2..20)
				Big ::= INTEGER (-9223372036854775808..18446744073709551615)
				Small ::= Big (0..10)`
			)
		);
		expect(set.types.A).toEqual({ kind: 'integer', range: { lb: 0, ub: 127 } });
		expect(set.types.B).toEqual({ kind: 'integer', range: { lb: -5, ub: 32, extensible: true } });
		expect(set.types.C).toEqual({ kind: 'integer', range: { ub: 0 } });
		expect(set.types.D).toEqual({ kind: 'integer' });
		expect(set.types.E).toEqual({ kind: 'integer', range: { lb: 0, ub: 255 }, named: { low: 1, high: 32 } });
		expect(set.types.F).toEqual({ kind: 'integer', range: { lb: 0, ub: 4294967295 } });
		expect(set.types.G).toEqual({ kind: 'integer', range: { lb: 1, ub: 10 } });
		expect(set.types.H).toEqual({ kind: 'integer', range: { lb: 1, ub: 5 } });
		expect(set.types.I).toEqual({ kind: 'integer', range: { lb: 2, ub: 10 } });
		expect(set.types.Big).toEqual({ kind: 'integer', range: { lb: -9223372036854775808n, ub: 18446744073709551615n } });
		expect(set.types.Small).toEqual({ kind: 'integer', range: { lb: 0, ub: 10 } });
		expect(set.values).toEqual({ maxN: 32 });
	});

	it('ENUMERATED numbering (X.680 20.2), extension marker and additions', () => {
		const set = compile(mod('M', 'E ::= ENUMERATED { a, b(5), c, ..., d, e(9), f }'));
		expect(set.types.E).toEqual({
			kind: 'enumerated',
			root: [
				{ name: 'a', value: 0 },
				{ name: 'b', value: 5 },
				{ name: 'c', value: 1 }
			],
			extensible: true,
			additions: [
				{ name: 'd', value: 6 },
				{ name: 'e', value: 9 },
				{ name: 'f', value: 10 }
			]
		});
	});

	it('BIT STRING with named bits and SIZE(n, ...), OCTET STRING, IA5String with SIZE and FROM', () => {
		const set = compile(
			mod(
				'M',
				`Flags ::= BIT STRING { x(0), y(1) } (SIZE (13, ...))
				Id ::= OCTET STRING (SIZE(8))
				Info ::= OCTET STRING (SIZE(0..127,...))
				Name ::= IA5String (SIZE(1..63))
				Digits ::= IA5String (FROM("0".."9" | "#") ^ SIZE(1..4))
				Either ::= OCTET STRING (SIZE(2) | SIZE(6..8))
				Both ::= Either (SIZE(1..7))
				Mid ::= INTEGER (0..10 ^ 5..20 | 30)`
			)
		);
		expect(set.types.Flags).toEqual({ kind: 'bitString', size: { lb: 13, ub: 13, extensible: true }, namedBits: { x: 0, y: 1 } });
		expect(set.types.Id).toEqual({ kind: 'octetString', size: { lb: 8, ub: 8 } });
		expect(set.types.Info).toEqual({ kind: 'octetString', size: { lb: 0, ub: 127, extensible: true } });
		expect(set.types.Name).toEqual({ kind: 'charString', stringKind: 'IA5String', size: { lb: 1, ub: 63 } });
		expect(set.types.Either).toEqual({ kind: 'octetString', size: { lb: 2, ub: 8 } });
		expect(set.types.Both).toEqual({ kind: 'octetString', size: { lb: 2, ub: 7 } });
		expect(set.types.Mid).toEqual({ kind: 'integer', range: { lb: 5, ub: 30 } });
		expect(set.types.Digits).toEqual({ kind: 'charString', stringKind: 'IA5String', size: { lb: 1, ub: 4 }, alphabet: '#0123456789' });
	});

	it('SEQUENCE with OPTIONAL, DEFAULT, inline types, additions, [[ ]] groups and root after the second marker', () => {
		const set = compile(
			mod(
				'M',
				`S ::= SEQUENCE {
					a INTEGER (0..7),
					b BOOLEAN OPTIONAL,
					c INTEGER (0..9) DEFAULT 3,
					d SEQUENCE (SIZE(1..4)) OF INTEGER (0..1),
					...,
					e NULL,
					[[ 2: f BOOLEAN, g OCTET STRING OPTIONAL ]],
					...,
					h BOOLEAN
				}`
			)
		);
		expect(set.types.S).toEqual({
			kind: 'sequence',
			components: [
				{ name: 'a', type: { kind: 'integer', range: { lb: 0, ub: 7 } } },
				{ name: 'b', type: { kind: 'boolean' }, optional: true },
				{ name: 'c', type: { kind: 'integer', range: { lb: 0, ub: 9 } }, default: 3 },
				{ name: 'd', type: { kind: 'sequenceOf', element: { kind: 'integer', range: { lb: 0, ub: 1 } }, size: { lb: 1, ub: 4 } } }
			],
			extensible: true,
			additions: [
				{ group: false, components: [{ name: 'e', type: { kind: 'null' } }] },
				{
					group: true,
					version: 2,
					components: [
						{ name: 'f', type: { kind: 'boolean' } },
						{ name: 'g', type: { kind: 'octetString' }, optional: true }
					]
				}
			],
			trailingRoot: [{ name: 'h', type: { kind: 'boolean' } }]
		});
	});

	it('DEFAULT values and value assignments: literals, value references, enumeration items, named numbers', () => {
		const set = compile(
			mod(
				'M',
				`Color ::= ENUMERATED { red, green }
				Level ::= INTEGER { low(1), high(9) } (0..9)
				Shade ::= Color
				favourite Shade ::= green
				top Level ::= high
				alias INTEGER ::= top
				Flags ::= BIT STRING { a(0), b(1) }
				key OCTET STRING ::= 'A0F'H
				S ::= SEQUENCE { c Shade DEFAULT red, l Level DEFAULT low, n INTEGER DEFAULT alias, b BOOLEAN DEFAULT TRUE, s IA5String DEFAULT "x",
					f Flags DEFAULT '101'B, h BIT STRING DEFAULT 'C'H }`
			)
		);
		const s = set.types.S;
		expect(s.kind === 'sequence' && s.components.map((c) => c.default)).toEqual([
			'red',
			1,
			9,
			true,
			'x',
			{ bits: new Uint8Array([0b10100000]), length: 3 },
			{ bits: new Uint8Array([0xc0]), length: 4 }
		]);
		expect(set.values).toEqual({ favourite: 'green', top: 9, alias: 9, key: new Uint8Array([0xa0, 0xf0]) });
		expect(errorOf(() => compile(mod('M', "x INTEGER ::= '01'B"))).message).toBe("M.asn:2:15: a '...'B value needs a BIT STRING or OCTET STRING type");
		expect(errorOf(() => compile(mod('M', "x OCTET STRING ::= '0G'H"))).message).toBe("M.asn:2:20: expected a binary string '0101'B or a hexadecimal string 'A0F'H");
		expect(errorOf(() => compile(mod('M', 'C ::= ENUMERATED { red }\nS ::= SEQUENCE { c C DEFAULT blue }'))).message).toBe(
			'M.asn:3:30: unresolved reference blue: module M neither defines nor imports it'
		);
	});

	it('SEQUENCE OF forms and CHOICE with extension additions and a closing marker', () => {
		const set = compile(
			mod(
				'M',
				`L1 ::= SEQUENCE SIZE(2..5) OF Item
				L2 ::= SEQUENCE OF item Item
				Item ::= INTEGER (0..3)
				C ::= CHOICE { a Item, b L1, ..., c L2, ... }`
			)
		);
		expect(set.types.L1).toEqual({ kind: 'sequenceOf', element: { kind: 'ref', name: 'Item' }, size: { lb: 2, ub: 5 } });
		expect(set.types.L2).toEqual({ kind: 'sequenceOf', element: { kind: 'ref', name: 'Item' }, elementName: 'item' });
		expect(set.types.C).toEqual({
			kind: 'choice',
			root: [
				{ name: 'a', type: { kind: 'ref', name: 'Item' } },
				{ name: 'b', type: { kind: 'ref', name: 'L1' } }
			],
			extensible: true,
			additions: [{ name: 'c', type: { kind: 'ref', name: 'L2' } }]
		});
	});

	it('IMPORTS across modules, EXPORTS, an OID after the module name; same name in two modules qualified', () => {
		const set = compile(
			mod('A', 'EXPORTS T, maxT;\nT ::= INTEGER (0..maxT)\nmaxT INTEGER ::= 9\nDup ::= BOOLEAN'),
			mod('B', 'IMPORTS T, maxT FROM A { iso(1) 2 };\nMessageFrame ::= SEQUENCE { t T, u INTEGER (1..maxT) }\nDup ::= NULL', 'B { 1 2 3 } DEFINITIONS AUTOMATIC TAGS ::= BEGIN')
		);
		expect(set.root).toBe('MessageFrame');
		expect(set.moduleOf).toEqual({ T: 'A', 'A.Dup': 'A', MessageFrame: 'B', 'B.Dup': 'B' });
		expect(set.types.MessageFrame).toEqual({
			kind: 'sequence',
			components: [
				{ name: 't', type: { kind: 'ref', name: 'T' } },
				{ name: 'u', type: { kind: 'integer', range: { lb: 1, ub: 9 } } }
			],
			extensible: false,
			additions: []
		});
		expect([...reachableTypes(set)].sort()).toEqual(['MessageFrame', 'T']);
	});

	it('the information object class of phase 2: &id gives its type, &Type an open type keyed by the sibling', () => {
		const set = compile(
			mod(
				'X',
				`Frame ::= SEQUENCE {
					messageId MSG.&id({Types}),
					value MSG.&Type({Types}{@.messageId}),
					...
				}
				MSG ::= CLASS { &id Id UNIQUE, &Type } WITH SYNTAX {&Type IDENTIFIED BY &id}
				Types MSG ::= { { P IDENTIFIED BY pId } | { Q IDENTIFIED BY 7 }, ... }
				Id ::= INTEGER (0..32767)
				pId Id ::= 3
				P ::= BOOLEAN
				Q ::= NULL
				Raw ::= MSG.&Type
				Plain ::= SEQUENCE { k D.&k, v D.&V ({DS}{@.k}) }
				D ::= CLASS { &k INTEGER, &V }
				DS D ::= { { &k 1, &V P } }`
			)
		);
		const frame = set.types.Frame;
		expect(frame.kind === 'sequence' && frame.components).toEqual([
			{ name: 'messageId', type: { kind: 'ref', name: 'Id' } },
			{ name: 'value', type: { kind: 'openType', table: { keyComponent: 'messageId', types: { '3': { kind: 'ref', name: 'P' }, '7': { kind: 'ref', name: 'Q' } }, extensible: true } } }
		]);
		expect(set.types.Raw).toEqual({ kind: 'openType' });
		const plain = set.types.Plain;
		expect(plain.kind === 'sequence' && plain.components[1].type).toEqual({ kind: 'openType', table: { keyComponent: 'k', types: { '1': { kind: 'ref', name: 'P' } } } });
	});
});

describe('errors name the file, line, column and what was expected', () => {
	const bad = (body: string) => errorOf(() => compile(mod('M', body)));

	it('syntax errors', () => {
		expect(bad('A ::= SEQUENCE { a INTEGER (0..7) b BOOLEAN }').message).toBe('M.asn:2:35: expected "," or "}" in SEQUENCE, found "b"');
		expect(bad('A ::= INTEGER (0..)').message).toBe(`M.asn:2:19: expected a value (number, MIN, MAX, TRUE, FALSE, "string", '01'B, 'FF'H or value reference), found ")"`);
		expect(bad('A ::= SEQUENCE {').message).toBe('M.asn:3:1: expected a component name in SEQUENCE, found "END"');
		expect(bad('A ::= CHOICE { a NULL, ..., b NULL, ..., c NULL }').message).toMatch(/^M\.asn:2:42: expected "}" \(CHOICE has no alternatives after a second "..."\)/);
		expect(errorOf(() => compile({ name: 'h.asn', text: 'M DEFINITIONS AUTOMATIC TAGS ::= BEGN END' })).message).toBe('h.asn:1:34: expected BEGIN, found "BEGN"');
		expect(errorOf(() => compile({ name: 'h.asn', text: 'M DEFINITIONS ::= BEGIN END' })).message).toBe(
			'h.asn:1:15: expected AUTOMATIC TAGS (the only tagging the UPER schema tables support), found "::="'
		);
		const e = bad('A ::= ENUMERATED { a, ');
		expect(e.place).toEqual({ file: 'M.asn', line: 3, column: 1 });
	});

	it('unresolved references name the reference and where it is used', () => {
		expect(bad('A ::= SEQUENCE {\n  x Missing\n}').message).toBe('M.asn:3:5: unresolved reference Missing: module M neither defines nor imports it');
		expect(bad('A ::= INTEGER (0..maxNone)').message).toBe('M.asn:2:19: unresolved reference maxNone: module M neither defines nor imports it');
		const imp = errorOf(() => compile(mod('A', 'EXPORTS T;\nT ::= NULL\nU ::= NULL'), mod('B', 'IMPORTS U FROM A V FROM Nowhere;\nX ::= U')));
		expect(imp.message).toBe('B.asn:2:9: B imports U from module A, which does not export it');
		const nowhere = errorOf(() => compile(mod('B', 'IMPORTS V FROM Nowhere;\nX ::= V')));
		expect(nowhere.message).toBe('B.asn:2:9: B imports V from module Nowhere, which is not in the set');
		expect(bad('A ::= B (1..2)\nB ::= A (0..3)').message).toMatch(/constrained references nest deeper than 16/);
		expect(bad('A ::= x\nx INTEGER ::= 1').message).toMatch(/^M\.asn:2:7: expected a type, found "x"/);
	});

	it('hostile nesting fails with an error, not a stack overflow', () => {
		const deep = 'A ::= ' + 'SEQUENCE OF '.repeat(100_000) + 'NULL';
		expect(bad(deep).message).toMatch(/^M\.asn:2:\d+: nesting deeper than 48 levels$/);
		const parens = 'A ::= INTEGER ' + '(SIZE'.repeat(50_000);
		expect(bad(parens).message).toMatch(/nesting deeper than 48 levels/);
	});
});
