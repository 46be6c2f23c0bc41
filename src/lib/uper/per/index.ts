// The X.691 unaligned-PER engine: encode/decode driven by schema tables (../schema.ts).
export { encode, decode, type DecodeOptions } from './codec';
export type { Trace, TraceNode, TraceRole } from './context';
export { valuesEqual } from './equal';
