// `cv2x listen`'s run: loaded only when the command runs, so other commands never load mqtt.js.
import type { CaptureRecord } from '../../lib/capture';
import { Cv2xError, isPayloadType, messageType } from '../../lib/codec';
import { READ_ORDER, readPublication, type ReadOptions } from '../../lib/live/dialects';
import { MqttLink } from '../../lib/live/link';
import type { LiveMessage } from '../../lib/live/types';
import { decodeOnAir } from '../../lib/sim';
import type { ListenOptions } from '../commands/listen';
import { onOutputClosed } from '../output';
import { RecordSink } from '../record-sink';
import { messageJson, messageLine, undecodableJson, undecodableLine } from './format';
import { firstConnection, onStopSignal, statusLine } from './status';

/**
 * Subscribes, decodes and prints until --count, --seconds or SIGINT/SIGTERM; then closes the
 * link and the --out file and prints a summary on stderr. Resolves with the exit status (0).
 * @throws Cv2xError when the broker cannot be reached at the start, refuses for good later (bad
 *   credentials on a reconnect: after the summary), or --out cannot be written
 */
export async function runListen(opts: ListenOptions): Promise<number> {
	const startMs = Date.now();
	// the capture's meta is known now: pcapng blocks are written as the messages come
	const sink = opts.out === undefined ? null : new RecordSink(opts.out, { startTimeMs: startMs });
	const link = MqttLink.open(
		{ url: opts.broker.url, username: opts.broker.username, password: opts.broker.password, connectTimeoutMs: 5000 },
		{ onStatus: (s) => process.stderr.write(statusLine(s) + '\n'), onProblem: (text) => process.stderr.write(`problem: ${text}\n`) }
	);
	let stopped!: () => void;
	const done = new Promise<void>((resolve) => (stopped = resolve));
	const printer = new Printer(opts, startMs, sink, () => stopped());
	const offSignal = onStopSignal(() => stopped());
	// a closed stdout (`cv2x listen ... | head`) ends the run as Ctrl-C does: --out is still closed properly
	const offOutput = onOutputClosed(() => stopped());
	let gaveUp: string | undefined;
	try {
		await firstConnection(link);
		// after the start a lost broker is retried for ever; only a refusal retrying cannot mend ends the run
		link.onStatus((s) => {
			if (s.state === 'closed' && s.error) {
				gaveUp = `${s.url}: ${s.error}`;
				stopped();
			}
		});
		link.onPublication((topic, payload) => {
			if (printer.take(topic, payload, Date.now())) stopped();
		});
		await link.subscribe(opts.topics);
		process.stderr.write(`subscribed to ${opts.topics.join(', ')}\n`);
		const timer = opts.seconds === undefined ? null : setTimeout(() => stopped(), opts.seconds * 1000);
		await done;
		if (timer) clearTimeout(timer);
	} finally {
		offSignal();
		offOutput();
		await link.close();
		printer.flush();
		sink?.close({ startTimeMs: startMs });
	}
	process.stderr.write(printer.summary() + '\n');
	if (printer.fileFailure) throw new Cv2xError('invalid', printer.fileFailure);
	if (gaveUp) throw new Cv2xError('invalid', `broker ${gaveUp}`);
	return 0;
}

/** Decodes publications, prints their lines (buffered, written once per event-loop turn) and records them. */
class Printer {
	private lines: string[] = [];
	private scheduled = false;
	private taken = 0;
	private publications = 0;
	private undecodable = 0;
	/** Calls to the sink that failed (their records, from the bad one on, are not in --out). */
	private unwritten = 0;
	private readonly byType = new Map<string, number>();
	private readonly readOptions: ReadOptions;
	/** Why --out cannot be written any more (a full disk, an I/O error): the run stops and fails with it. */
	fileFailure: string | null = null;

	constructor(
		private readonly opts: ListenOptions,
		private readonly startMs: number,
		private readonly sink: RecordSink | null,
		private readonly stop: () => void
	) {
		this.readOptions = opts.profile ? { profiles: [opts.profile, ...READ_ORDER.filter((p) => p !== opts.profile)] } : {};
	}

	/** Takes one publication; returns true once --count is reached (later ones are ignored). */
	take(topic: string, payload: Uint8Array, atMs: number): boolean {
		const limit = this.opts.count ?? Infinity;
		if (this.taken >= limit) return true;
		this.publications++;
		const { messages, undecodable } = readPublication(topic, payload, this.readOptions);
		const records: CaptureRecord[] = [];
		for (const m of messages) {
			if (this.taken >= limit) break;
			this.taken++;
			this.byType.set(m.type, (this.byType.get(m.type) ?? 0) + 1);
			const frame = m.frame ?? decodeOnAir(m.bytes, m.encoding, m.profile);
			this.push(this.opts.json ? messageJson(m, frame, atMs) : messageLine(m, frame, atMs));
			if (this.sink) records.push(this.toRecord(m, atMs));
		}
		if (undecodable && this.taken < limit) {
			this.taken++;
			this.undecodable++;
			this.push(this.opts.json ? undecodableJson(undecodable, atMs) : undecodableLine(undecodable, atMs));
		}
		this.record(records);
		return this.taken >= limit;
	}

	/** Writes the lines held. */
	flush(): void {
		if (this.lines.length) process.stdout.write(this.lines.join('\n') + '\n');
		this.lines = [];
		this.scheduled = false;
	}

	/** "120 messages (bsm 100, spat 20) from 45 publications, 1 undecodable". */
	summary(): string {
		const types = [...this.byType.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`);
		const messages = this.taken - this.undecodable;
		return `${messages} messages${types.length ? ` (${types.join(', ')})` : ''} from ${this.publications} publications, ${this.undecodable} undecodable${this.sink ? `; ${this.sink.count} records written to ${this.sink.path}${this.unwritten ? ` (${this.unwritten} writes failed)` : ''}` : ''}`;
	}

	private push(line: string): void {
		this.lines.push(line);
		if (!this.scheduled) {
			this.scheduled = true;
			setImmediate(() => this.flush());
		}
	}

	/**
	 * Writes records to --out; one that cannot be written (too big for a UDP datagram, ...) is a
	 * problem line, and the run goes on. A file that cannot be written (the system's error: a full
	 * disk, an I/O error) stops the run.
	 */
	private record(records: CaptureRecord[]): void {
		if (!this.sink || !records.length || this.fileFailure) return;
		try {
			this.sink.add(records);
		} catch (e) {
			const message = (e as Error).message;
			if (isSystemError(e)) {
				this.fileFailure = message;
				this.stop();
			} else if (++this.unwritten <= 10) process.stderr.write(`problem: --out: ${message}\n`);
		}
	}

	/** A capture record of a received message: t since listen started, no receivers, the channel its type travels on. */
	private toRecord(m: LiveMessage, atMs: number): CaptureRecord {
		const r: CaptureRecord = {
			t: Math.max(0, atMs - this.startMs), sender: m.sender || '?', receivers: [],
			channel: isPayloadType(m.type) ? messageType(m.type).channel : 'pc5', type: m.type, bytes: m.bytes
		};
		if (m.encoding === 'uper') {
			r.encoding = 'uper';
			r.profile = m.profile;
		}
		return r;
	}
}

/** Whether a sink's error comes from the system (ENOSPC, EIO, ...: its errno code in the cause or the message), not from a record. */
function isSystemError(e: unknown): boolean {
	const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
	return typeof cause?.code === 'string' || /: E[A-Z0-9]{2,}: /.test((e as Error).message);
}
