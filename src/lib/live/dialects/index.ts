// The three ways C-V2X messages travel on MQTT (../types.ts Dialect): writing a simulation's
// transmissions as publications, and reading publications back into messages.
export { DialectWriter, DEFAULT_LIVE_PROFILE, type DialectWriterOptions, type WriterStats } from './writer';
export { NOT_CARRIED_REASONS, type NotCarriedReason } from './uper-form';
export { readPublication, type ReadOptions } from './read';
export type { ReadResult } from './result';
export { READ_ORDER } from './uper-read';
export { parseTopic, cv2xTopic, dockingTopic, openv2xTopic, topicLevel, topicTypeOf, payloadTypeOf, type ParsedTopic } from './topics';
export { MAX_BATCH, rsuId8 } from './rsu-dialects';
