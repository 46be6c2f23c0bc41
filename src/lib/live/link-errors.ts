// What went wrong with a broker connection, as one line a person can act on. mqtt.js reports
// socket errors with Node's codes, a refused CONNECT with the CONNACK return code, a WebSocket
// handshake with the HTTP status; a browser's WebSocket gives no reason at all.
import { redactUserInfo } from './broker-url';

/** CONNACK return codes of MQTT 3.1.1 (§3.2.2.3) with what they mean and whether retrying can help. */
export const CONNACK_RETURN_CODES: Record<number, { meaning: string; retry: boolean }> = {
	1: { meaning: 'unacceptable protocol version (the broker does not speak MQTT 3.1.1)', retry: false },
	2: { meaning: 'client identifier rejected', retry: false },
	3: { meaning: 'server unavailable', retry: true },
	4: { meaning: 'bad user name or password', retry: false },
	5: { meaning: 'not authorized', retry: false }
};

/** A connection failure: its text, and whether trying again can help (a wrong password cannot). */
export interface LinkFailure {
	error: string;
	retry: boolean;
}

interface ErrorLike {
	code?: string | number;
	message?: string;
}

/**
 * One line for an error mqtt.js or its socket reported while connecting to `host:port`:
 * refused, unknown host (DNS), unreachable, timed out, reset, the broker's CONNACK refusal with
 * its return code's meaning, a WebSocket handshake answered with an HTTP status, a TLS problem.
 * Never contains credentials: URLs in messages lose their user info.
 */
export function describeLinkError(e: unknown, host: string, port: number): LinkFailure {
	const err = (e ?? {}) as ErrorLike;
	const where = `${host}:${port}`;
	const code = err.code;
	if (typeof code === 'number') {
		const rc = CONNACK_RETURN_CODES[code];
		if (rc) return { error: `the broker refused the connection: ${rc.meaning} (CONNACK return code ${code})`, retry: rc.retry };
		return { error: `the broker refused the connection (CONNACK return code ${code})`, retry: true };
	}
	const socket = code ? SOCKET_ERRORS[code] : undefined;
	if (socket) return { error: socket(host, where), retry: true };
	const message = redactUserInfo(String(err.message ?? e ?? 'unknown error'));
	const http = /Unexpected server response: (\d+)/.exec(message);
	if (http) return { error: `${where} answered the WebSocket handshake with HTTP ${http[1]} (is the path right? EMQX and our broker use /mqtt)`, retry: true };
	// a browser's WebSocket error event carries no reason; mqtt.js reports it as "WebSocket error"
	if (/^websocket error$|\[object (Event|ErrorEvent)\]/i.test(message)) return { error: closedText(host, port, false, true), retry: true };
	if (/connack timeout/i.test(message)) return { error: `${where} accepted the connection but sent no CONNACK in time (is it an MQTT broker?)`, retry: true };
	if (typeof code === 'string' && /CERT|SSL|TLS/i.test(code)) return { error: `TLS with ${where} failed: ${message}`, retry: true };
	return { error: `connection to ${where} failed: ${message}`, retry: true };
}

const SOCKET_ERRORS: Record<string, (host: string, where: string) => string> = {
	ECONNREFUSED: (_h, where) => `connection refused by ${where} (no broker listening there?)`,
	ENOTFOUND: (host) => `host "${host}" not found (DNS)`,
	EAI_AGAIN: (host) => `host "${host}" could not be resolved now (DNS lookup failed, try again)`,
	ETIMEDOUT: (_h, where) => `connection to ${where} timed out`,
	EHOSTUNREACH: (_h, where) => `${where} is unreachable (no route to host)`,
	ENETUNREACH: (_h, where) => `${where} is unreachable (network unreachable)`,
	ECONNRESET: (_h, where) => `connection to ${where} was reset`,
	EPIPE: (_h, where) => `connection to ${where} broke while writing`
};

/** The text when a connection ends without an error from the socket. */
export function closedText(host: string, port: number, wasConnected: boolean, browserWebSocket: boolean): string {
	const where = `${host}:${port}`;
	if (wasConnected) return `connection closed by the broker at ${where}`;
	if (browserWebSocket) return `WebSocket connection to ${where} failed (the browser gives no reason: is a broker listening there, with WebSocket at that path?)`;
	return `connection to ${where} closed before the broker accepted it`;
}

/** `text` with the credentials (any of at least 3 characters) replaced by ***, and URL user info removed. */
export function redactSecrets(text: string, secrets: (string | undefined)[]): string {
	let out = redactUserInfo(text);
	for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('***');
	return out;
}
