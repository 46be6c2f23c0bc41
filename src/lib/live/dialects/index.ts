// The three ways C-V2X messages travel on MQTT (../types.ts Dialect): writing a simulation's
// transmissions as publications (DialectWriter), and reading publications back into messages
// (readPublication). Choices made here:
// - topic TYPEs are the standards' short names in upper case: BSM, MAP, SPAT, RSI, RSM, and for
//   T/CSAE 157-2020 phase 2 (msgFrameExt) SSM, PSM, VIR, RSC, CLPMM, RTCM, PAM, VPM, TESTMSG;
// - docking and openv2x carry an RSU's own messages under that RSU, and road users' PC5 messages
//   through every RSU that received them: BSMs batched per RSU and step (docking: counted
//   payloads of at most 255 frames; openv2x: one JSON array), other types (PSM) one publication
//   each; a road user's message no RSU received is not carried (counted `not-heard`), nor are
//   the cloud's own types or types the profile lacks (`no-uper`);
// - the docking rsuId is the RSU name's last 8 characters, padded with `-` (as the simulation's
//   RSUs put it in their messages); the openv2x esn is the RSU's name; the docking timestamp is
//   startTimeMs + the transmission's sim time;
// - openv2x JSON is the message itself: the MessageFrame alternative's value, for phase 2 the
//   msgFrameExt open type's value (the topic TYPE gives the messageId);
// - reading tries UPER profiles in READ_ORDER (the deployed 2019 draft and the final first),
//   or the order given; the first clean reading wins.
export { DialectWriter, DEFAULT_LIVE_PROFILE, type DialectWriterOptions, type WriterStats } from './writer';
export { NOT_CARRIED_REASONS, type NotCarriedReason } from './uper-form';
export { readPublication, type ReadOptions } from './read';
export type { ReadResult } from './result';
export { READ_ORDER } from './uper-read';
export { parseTopic, cv2xTopic, dockingTopic, openv2xTopic, topicLevel, topicTypeOf, payloadTypeOf, type ParsedTopic } from './topics';
export { MAX_BATCH, rsuId8 } from './rsu-dialects';
export { hasUperForm } from './slots';
