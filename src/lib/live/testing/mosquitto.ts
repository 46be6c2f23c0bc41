// Debian's mosquitto as a test broker: a generated config in a temp folder (an MQTT and a
// WebSocket listener on 127.0.0.1, free ports, anonymous, no persistence), started and stopped
// by the test. When mosquitto is not installed, tests skip and say why.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accepts, freePort } from './ports';

/** Where Debian's package puts it (`MOSQUITTO_PATH` overrides). */
export const MOSQUITTO_PATH = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';

/** A running mosquitto. */
export interface RunningMosquitto {
	mqttUrl: string;
	wsUrl: string;
	port: number;
	wsPort: number;
	/** Its log so far (stderr), for a failing test's message. */
	log(): string;
	/** Stops it (SIGTERM, then waits for the exit) and removes its temp folder. */
	stop(): Promise<void>;
}

/** Why mosquitto tests must skip ("mosquitto not installed at …; apt-get install mosquitto"), or null. */
export function mosquittoSkipReason(): string | null {
	return existsSync(MOSQUITTO_PATH) ? null : `mosquitto not installed at ${MOSQUITTO_PATH} (Debian: apt-get install mosquitto; .ci/run installs it)`;
}

/** Settings of a test mosquitto. */
export interface MosquittoOptions {
	/**
	 * Messages mosquitto queues per client before it drops more, QoS 0 included (its default is
	 * 1000, which silently drops a flood to a slower subscriber; 0, "no limit", drops every QoS 0
	 * message in 2.0.x: mosquitto issues #1956, #2879). Default here 1,000,000, so a test that
	 * expects every message gets them.
	 */
	maxQueuedMessages?: number;
}

/** The config: both listeners on loopback, anonymous, nothing persisted, log on stderr. */
export function mosquittoConfig(port: number, wsPort: number, options: MosquittoOptions = {}): string {
	return [
		'per_listener_settings false',
		'allow_anonymous true',
		'persistence false',
		`max_queued_messages ${options.maxQueuedMessages ?? 1_000_000}`,
		'log_dest stderr',
		'log_type error',
		'log_type warning',
		'log_type notice',
		'log_type information',
		`listener ${port} 127.0.0.1`,
		'protocol mqtt',
		`listener ${wsPort} 127.0.0.1`,
		'protocol websockets',
		''
	].join('\n');
}

/**
 * Starts mosquitto on two free loopback ports and resolves once both accept connections;
 * null when mosquitto is not installed (see mosquittoSkipReason). A port taken between picking
 * and binding is retried with new ports (three tries).
 * @throws Error with mosquitto's log when it exits or never listens
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto | null> {
	if (mosquittoSkipReason()) return null;
	let lastError: unknown;
	for (let tries = 0; tries < 3; tries++) {
		try {
			return await startOnce(options);
		} catch (e) {
			lastError = e;
		}
	}
	throw lastError;
}

async function startOnce(options: MosquittoOptions): Promise<RunningMosquitto> {
	const dir = mkdtempSync(join(tmpdir(), 'cv2x-mosquitto-'));
	const [port, wsPort] = [await freePort(), await freePort()];
	writeFileSync(join(dir, 'mosquitto.conf'), mosquittoConfig(port, wsPort, options));
	const child = spawn(MOSQUITTO_PATH, ['-c', join(dir, 'mosquitto.conf')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	child.stderr!.setEncoding('utf8');
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	try {
		await untilListening(child, port, wsPort, (chunk) => (log += chunk), exited);
	} catch (e) {
		child.kill('SIGKILL');
		await exited;
		cleanup();
		throw new Error(`${(e as Error).message}\nmosquitto log:\n${log}`);
	}
	return {
		mqttUrl: `mqtt://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${wsPort}/mqtt`,
		port,
		wsPort,
		log: () => log,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
			cleanup();
		}
	};
}

/**
 * Waits for mosquitto's "running" line (after it opened its listeners), then checks that both
 * ports accept; rejects when it exits first.
 */
function untilListening(child: ChildProcess, port: number, wsPort: number, onLog: (chunk: string) => void, exited: Promise<number | null>): Promise<void> {
	const running = new Promise<void>((resolve) => {
		let seen = '';
		child.stderr!.on('data', (chunk: string) => {
			onLog(chunk);
			seen += chunk;
			if (/ running/.test(seen)) resolve();
		});
	});
	const died = exited.then((code) => {
		throw new Error(`mosquitto exited with status ${code} before listening on ${port} and ${wsPort}`);
	});
	// once it runs, its later exit (stop()) is no error
	died.catch(() => undefined);
	return Promise.race([running, died]).then(async () => {
		if (!(await accepts(port)) || !(await accepts(wsPort))) throw new Error(`mosquitto says it runs but ${port} or ${wsPort} does not accept connections`);
	});
}
