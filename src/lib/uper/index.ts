// The UPER codec (ITU-T X.691 unaligned PER) for the CSAE message layer: public API.
export * from './schema';
export { UperError, type UperErrorCode } from './errors';
export { encode, decode, valuesEqual, type DecodeOptions, type Trace, type TraceNode, type TraceRole } from './per';
export { profile, profileNames, isProfileName, type Profile, type ProfileName } from './profiles';
export { compileModuleSet, Asn1Error } from './asn1';
export * from './frame';
export * from './jer';
export * from './framing';
export * from './detect';
export { dumpUper, dumpLeaves, ROLE_LABELS, type UperDump, type UperDumpNode, type UperDumpRole } from './dump';
