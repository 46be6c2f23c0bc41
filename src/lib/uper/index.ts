// The UPER codec (ITU-T X.691 unaligned PER) for the CSAE message layer: public API.
export * from './schema';
export { UperError, type UperErrorCode } from './errors';
export { encode, decode, valuesEqual, type DecodeOptions, type Trace, type TraceNode, type TraceRole } from './per';
