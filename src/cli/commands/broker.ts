import type { RunningBroker } from '../../lib/live/broker';
import { intFlag, parseArgs, UsageError } from '../args';
import { errorLine } from '../error-line';
import type { Command } from './index';

export const broker: Command = {
	summary: 'run an MQTT broker (TCP and WebSocket) on this machine for Live mode',
	help: `Usage: cv2x broker [--port 1883] [--ws-port 8083] [--host 127.0.0.1]

Runs an embedded MQTT broker (aedes) until Ctrl-C: MQTT over TCP on --port and MQTT over
WebSocket on --ws-port (paths /mqtt and /), for "cv2x sim --mqtt", "cv2x listen" and the
playground's Live mode. Prints the two URLs. Port 0 picks a free port.

It listens on loopback (127.0.0.1) only, unless --host names another address (0.0.0.0 for all):
the broker has no authentication, so open it to a network only on purpose.

To use mosquitto or EMQX instead, point the URLs there (mosquitto needs a "listener N" with
"protocol websockets" for browsers).`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['port', 'ws-port', 'host']);
		if (positionals.length) throw new UsageError('broker takes no arguments');
		const port = intFlag('port', flags.port, 1883, 0, 65535);
		const wsPort = intFlag('ws-port', flags['ws-port'], 8083, 0, 65535);
		if (flags.host === true) throw new UsageError('--host needs a value');
		const host = flags.host ?? '127.0.0.1';
		// loaded on use: aedes, ws and mqtt-packet would cost every other command ~60 ms of start-up
		const { BrokerListenError, startBroker } = await import('../../lib/live/broker');
		let running: RunningBroker;
		try {
			running = await startBroker({ host, port, wsPort });
		} catch (e) {
			if (e instanceof BrokerListenError) {
				process.stderr.write(errorLine(e.message));
				return 1;
			}
			throw e;
		}
		process.stdout.write(`MQTT      ${running.mqttUrl}\nWebSocket ${running.wsUrl}\n`);
		if (host !== '127.0.0.1' && host !== '::1' && host !== 'localhost') process.stderr.write(`note: listening on ${host}, not only loopback; the broker has no authentication\n`);
		process.stderr.write('broker running; Ctrl-C stops it\n');
		await untilSignal();
		await running.close();
		return 0;
	}
};

/** Resolves at the first SIGINT or SIGTERM (Ctrl-C, kill). */
function untilSignal(): Promise<void> {
	return new Promise((resolve) => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
