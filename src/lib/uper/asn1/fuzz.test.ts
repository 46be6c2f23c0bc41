// Damaged module texts: whatever the edit, the parser either compiles the set or throws its
// own Asn1Error (never a TypeError, a RangeError from the stack, or a hang).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Asn1Error, compileModuleSet } from './index';

const MODULE = `Fz DEFINITIONS AUTOMATIC TAGS ::= BEGIN
	EXPORTS MessageFrame;
	MessageFrame ::= CHOICE { a Seq, b Lists, ..., c Frame, ... }
	Seq ::= SEQUENCE {
		i INTEGER (-5..maxI, ...), n INTEGER { low(1) } (0..3) DEFAULT low,
		e ENUMERATED { x, y(4), ..., z } DEFAULT y, bs BIT STRING { p(0) } (SIZE(2, ...)) DEFAULT '01'B,
		os OCTET STRING (SIZE(0..MAX)), s IA5String (FROM("a".."c") ^ SIZE(1..8)) OPTIONAL,
		..., [[ 3: g1 INTEGER (0..1), g2 BOOLEAN OPTIONAL ]], ..., last NULL
	}
	Lists ::= SEQUENCE (SIZE(1..4, ...)) OF Seq
	Frame ::= SEQUENCE { id C.&id({Objs}), v C.&Type({Objs}{@.id}), ... }
	C ::= CLASS { &id INTEGER UNIQUE, &Type } WITH SYNTAX { &Type IDENTIFIED BY &id }
	Objs C ::= { { Seq IDENTIFIED BY 1 } | { Lists IDENTIFIED BY two }, ... }
	maxI INTEGER ::= 9 -- a comment -- two INTEGER ::= 2
	/* block /* nested */ */
END
`;

/** Items an edit may insert: ASN.1 punctuation and words, so edits reach deep into the parser. */
const PIECES = ['{', '}', '(', ')', '[[', ']]', ',', '...', '..', '::=', '|', '^', '-', '--', '/*', '*/', '"', "'", '@', '.', '&id', 'SEQUENCE', 'OF', 'SIZE', 'FROM', 'CLASS', 'MAX', 'END', 'Seq', 'x', '9', '\n'];

const edit = fc.record({
	at: fc.nat({ max: MODULE.length }),
	cut: fc.nat({ max: 12 }),
	insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 })
});

function compileOrAsn1Error(text: string): void {
	try {
		compileModuleSet('fuzz', [{ name: 'fz.asn', text }]);
	} catch (e) {
		if (!(e instanceof Asn1Error)) throw e;
		expect(e.message).toMatch(/^fz\.asn:\d+:\d+: |^[A-Za-z(]/);
	}
}

describe('ASN.1 parser on damaged modules', () => {
	it('the undamaged module compiles', () => {
		expect(compileModuleSet('fuzz', [{ name: 'fz.asn', text: MODULE }]).root).toBe('MessageFrame');
	});

	it('any edits give a set or an Asn1Error', () => {
		fc.assert(
			fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
				let text = MODULE;
				for (const e of edits) {
					const at = Math.min(e.at, text.length);
					text = text.slice(0, at) + e.insert.join(' ') + text.slice(at + e.cut);
				}
				compileOrAsn1Error(text);
			}),
			{ numRuns: 1500, seed: 11 }
		);
	});

	it('random text gives a set or an Asn1Error', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...PIECES, 'M', 'DEFINITIONS', 'AUTOMATIC', 'TAGS', 'BEGIN', 'A', 'INTEGER', 'CHOICE', 'a'), { maxLength: 60 }), (words) => {
				compileOrAsn1Error(words.join(' '));
			}),
			{ numRuns: 1500, seed: 12 }
		);
	});
});
