// Typed names for the generated protobufjs code, for scripts/gen-proto.mjs: one type alias per
// message (its plain-object shape, `$Properties`) and each enum as a value and a type, emitted
// as generated/types.js + types.d.ts and exported from the codec as `pb`.

/** generated/types.js and types.d.ts from the schema (messages and enums by short name). */
export function emitTypes(schema, header) {
	const messages = Object.keys(schema.messages).sort();
	const enums = Object.keys(schema.enums).sort();
	const js = [
		header.trim(),
		'/* eslint-disable */',
		'// The enums of cv2x.v1 as values; see scripts/gen/types.mjs.',
		"import { cv2x } from './cv2x.js';",
		'',
		...enums.map((e) => `export const ${e} = cv2x.v1.${e};`),
		''
	].join('\n');
	const doc = (meta) => (meta.doc ? `/** ${meta.doc.replace(/\*\//g, '* /')} */` : undefined);
	const dts = [
		header.trim(),
		"import type { cv2x } from './cv2x.js';",
		'',
		...messages.flatMap((m) => [doc(schema.messages[m]), `export type ${m} = cv2x.v1.${m}.$Properties;`].filter(Boolean)),
		'',
		...enums.flatMap((e) => [
			doc(schema.enums[e]),
			`export declare const ${e}: typeof cv2x.v1.${e};`,
			`export type ${e} = cv2x.v1.${e};`
		].filter(Boolean)),
		''
	].join('\n');
	return { js, dts };
}
