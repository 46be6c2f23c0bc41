// An in-process broker for unit tests: the embedded broker on loopback, free ports, and a way to
// stop and restart it on the same ports (to test reconnects).
import { startBroker, type RunningBroker } from '../broker';

/** A test broker that can be stopped and started again on the same ports. */
export interface TestBroker {
	mqttUrl: string;
	wsUrl: string;
	port: number;
	wsPort: number;
	/** Clients connected now (0 while stopped). */
	readonly clients: number;
	/** Stops the broker (its clients see their connection drop); the ports stay reserved by URL only. */
	stop(): Promise<void>;
	/** Starts it again on the same ports. */
	restart(): Promise<void>;
}

/** Starts the embedded broker on 127.0.0.1 with free ports (MQTT and WebSocket). */
export async function startTestBroker(): Promise<TestBroker> {
	let running: RunningBroker | null = await startBroker({ port: 0, wsPort: 0 });
	const { mqttUrl, wsUrl, port, wsPort } = running;
	return {
		mqttUrl,
		wsUrl,
		port,
		wsPort,
		get clients() {
			return running?.clients ?? 0;
		},
		async stop() {
			const r = running;
			running = null;
			await r?.close();
		},
		async restart() {
			if (running) return;
			running = await startBroker({ port, wsPort });
		}
	};
}
