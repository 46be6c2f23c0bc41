// The capture viewer's library: no DOM, runs in Node and in a Web Worker.
//   openCapture / indexCapture(Sync)  bytes -> PacketTable (columns into the file's bytes), in chunks
//   compileFilter + FilterRun          display filter -> matching packet indices, in steps
//   packetRows / packetDetail          the list's visible rows, the selected packet
//   summarize                          one Info line of a decoded frame
//   ViewerSession                      the worker side: requests in, progress and results out
export { ViewerError, isViewerError } from './errors';
export { PacketTable, UNKNOWN_TYPE, type ChannelName, type EncodingName } from './table';
export { openCapture, indexCapture, indexCaptureSync, CHUNK_BYTES, type CaptureIndexer, type IndexProgress } from './indexer';
export { decodePacket, type DecodedPacket, type DecodeOptions } from './decode';
export { parseFilter, type FilterNode } from './filter-parse';
export { compileFilter, type CompiledFilter } from './filter';
export { COLUMNS } from './filter-fields';
export { summarize, idText } from './summary';
export { packetRecord, type PacketRecord } from './record';
export { packetRows, packetDetail, FilterRun, type PacketRow, type PacketDetail } from './view';
export { ViewerSession, type ViewerRequest, type ViewerReply } from './session';
