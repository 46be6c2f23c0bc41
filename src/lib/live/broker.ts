// The embedded broker (Node only; never imported by browser code): aedes speaking MQTT over TCP,
// and over WebSocket (paths /mqtt and /) for browsers, so Live mode works on a machine with no
// broker installed. Loopback by default: opening it to a network is a deliberate `host`.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { Aedes, type AedesOptions } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

/** Where the embedded broker listens. */
export interface BrokerOptions {
	/** Interface to listen on (default 127.0.0.1, loopback only). */
	host?: string;
	/** MQTT over TCP port (default 1883; 0 picks a free one). */
	port?: number;
	/** MQTT over WebSocket port (default 8083; 0 picks a free one). */
	wsPort?: number;
	/** Require this user name and password (CONNACK 4 otherwise); default: anyone may connect. */
	credentials?: { username: string; password: string };
}

/** A running embedded broker. */
export interface RunningBroker {
	/** `mqtt://host:port` */
	mqttUrl: string;
	/** `ws://host:port/mqtt` */
	wsUrl: string;
	port: number;
	wsPort: number;
	/** Clients connected now. */
	readonly clients: number;
	/** Stops listening, disconnects every client and closes the broker. */
	close(): Promise<void>;
}

/** A port the broker could not listen on: which, and why (taken, not allowed). */
export class BrokerListenError extends Error {
	override name = 'BrokerListenError';
	constructor(
		message: string,
		readonly port: number
	) {
		super(message);
	}
}

/** WebSocket paths served: /mqtt (what EMQX and most clients use) and / (mqtt.js's default). */
export const WS_PATHS = ['/mqtt', '/'];

/**
 * Starts aedes with an MQTT listener on `host:port` and a WebSocket listener on `host:wsPort`
 * (paths /mqtt and /). Port 0 picks a free port; the URLs give the ports used.
 * @throws BrokerListenError naming the port when it is taken (EADDRINUSE), not allowed (EACCES)
 *   or the host is not an address of this machine; nothing stays listening then
 */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
	const host = options.host ?? '127.0.0.1';
	const aedes = await Aedes.createBroker(options.credentials ? { authenticate: checkCredentials(options.credentials) } : {});
	const sockets = new Set<Socket>();
	const tcp = createNetServer((socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		aedes.handle(socket);
	});
	const http = createHttpServer((_req, res) => {
		res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket: connect with ws://…/mqtt\n');
	});
	const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
	// ws re-emits the HTTP server's errors (a port taken): listen() reports those
	wss.on('error', () => undefined);
	wss.on('connection', (ws, req) => {
		const path = (req.url ?? '/').split('?')[0];
		if (!WS_PATHS.includes(path)) return ws.close(1008, `no MQTT at ${path}: use /mqtt`);
		const stream = createWebSocketStream(ws);
		// a peer that vanishes mid-frame errors the stream; aedes closes the client on 'close'
		stream.on('error', () => stream.destroy());
		aedes.handle(stream, req);
	});
	try {
		const port = await listen(tcp, host, options.port ?? 1883);
		const wsPort = await listen(http, host, options.wsPort ?? 8083);
		const shownHost = host.includes(':') ? `[${host}]` : host;
		return {
			mqttUrl: `mqtt://${shownHost}:${port}`,
			wsUrl: `ws://${shownHost}:${wsPort}/mqtt`,
			port,
			wsPort,
			get clients() {
				return aedes.connectedClients;
			},
			close: () => closeAll(aedes, tcp, http, wss, sockets)
		};
	} catch (e) {
		await closeAll(aedes, tcp, http, wss, sockets);
		throw e;
	}
}

/** An aedes authenticate hook accepting exactly these credentials, refusing others with return code 4. */
function checkCredentials(expected: { username: string; password: string }): AedesOptions['authenticate'] {
	return (_client, username, password, done) => {
		if (username === expected.username && password?.toString('utf8') === expected.password) return done(null, true);
		const error = Object.assign(new Error('bad user name or password'), { returnCode: 4 as const });
		done(error, null);
	};
}

/** Listens on host:port; resolves with the port bound (the free one for 0). */
function listen(server: NetServer | HttpServer, host: string, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (e: NodeJS.ErrnoException) => {
			server.off('listening', onListening);
			const message =
				e.code === 'EADDRINUSE'
					? `port ${port} on ${host} is already in use`
					: e.code === 'EACCES'
						? `port ${port} on ${host} is not allowed (ports below 1024 need privileges)`
						: e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND'
							? `cannot listen on ${host}: not an address of this machine`
							: `port ${port} on ${host} cannot be opened (${e.code ?? e.message})`;
			reject(new BrokerListenError(message, port));
		};
		const onListening = () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		};
		server.once('error', onError);
		server.once('listening', onListening);
		server.listen(port, host);
	});
}

/** Closes everything: servers stop accepting, every connection ends, then aedes closes. */
async function closeAll(aedes: Aedes, tcp: NetServer, http: HttpServer, wss: WebSocketServer, sockets: Set<Socket>): Promise<void> {
	const closing = Promise.all([closeServer(tcp), closeServer(http)]);
	for (const ws of wss.clients) ws.terminate();
	for (const s of sockets) s.destroy();
	await new Promise<void>((resolve) => wss.close(() => resolve()));
	await closing;
	await new Promise<void>((resolve) => aedes.close(() => resolve()));
}

/** Closes a server, ending its open connections (a broker's clients would hold it open forever). */
function closeServer(server: NetServer | HttpServer): Promise<void> {
	if (!server.listening) return Promise.resolve();
	return new Promise((resolve) => {
		server.close(() => resolve());
		if ('closeAllConnections' in server) server.closeAllConnections();
	});
}
