// Captures of the simulation's transmissions: JSON Lines and pcapng (Wireshark), read and
// written in pure TypeScript (Node, Web Workers and browsers alike).
export { CaptureError, isCaptureError } from './errors';
export { PC5_PORT, UU_PORT, type CaptureMeta, type CaptureRecord } from './types';
export { writeJsonl, readJsonl, JsonlWriter } from './jsonl';
export { writePcapng, PcapngWriter, type ChunkSink, type PcapngWriterOptions } from './pcapng-writer';
export { readPcapng } from './pcapng-reader';
export { readCapture } from './detect';
export { CaptureStreamReader, NeedsWholeFile, MAX_BLOCK_BYTES, type CaptureFormat, type StreamedCapture } from './stream-reader';
export { JsonlReader } from './jsonl-reader';
export { AddressPlan, formatIpv4 } from './addresses';
export { captureRecord } from './records';
