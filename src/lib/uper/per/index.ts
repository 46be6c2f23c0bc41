// The X.691 unaligned-PER engine: encode/decode driven by schema tables (../schema.ts).
// bits.ts: bit writer/reader (10.1) · whole-numbers.ts: 10.5-10.9 whole numbers and lengths ·
// context.ts: contexts, trace nodes, SIZE-governed runs · primitives.ts: 11-13, 16, 17, 24 ·
// strings.ts: 30 · constructed.ts: 19, 20, 23 · open-type.ts: 10.2 · plan.ts: each type compiled
// once per set into an encoder/decoder · compiled.ts: a SEQUENCE's common case as generated JS
// (falls back to constructed.ts) · equal.ts: value equality, typed or not · codec.ts: the entry points.
export { encode, decode, type DecodeOptions } from './codec';
export type { Trace, TraceNode, TraceRole } from './context';
export { valuesEqual } from './equal';
