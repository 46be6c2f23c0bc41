// The broker options `sim` and `listen` share: the URL, the user name, and the password, which
// is only ever read from an environment variable (a command line is visible to every user of the
// machine in `ps` and lands in shell history).
import { UsageError } from '../args';

/** Where and as whom to connect. `password` never comes from argv. */
export interface BrokerOptions {
	url: string;
	username?: string;
	password?: string;
}

const SCHEMES = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'tls:', 'ws:', 'wss:'];

/**
 * Checks `--mqtt URL`, `--username U` and `--password-env VAR` (the variable must be set).
 * @throws UsageError naming the flag: a URL that does not parse, a scheme mqtt.js cannot reach
 *   (mqtt, mqtts, tcp, ssl, tls, ws, wss), a password variable that is not set.
 */
export function brokerOptions(flags: Record<string, string | true>, env: NodeJS.ProcessEnv = process.env): BrokerOptions {
	const url = flags.mqtt;
	if (url === undefined || url === true) throw new UsageError('--mqtt URL is required (e.g. mqtt://127.0.0.1:1883 or ws://127.0.0.1:8083/mqtt)');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UsageError(`--mqtt: "${printable(url)}" is not a URL (e.g. mqtt://127.0.0.1:1883)`);
	}
	if (!SCHEMES.includes(parsed.protocol)) throw new UsageError(`--mqtt: unknown scheme "${printable(parsed.protocol)}"; one of ${SCHEMES.map((s) => s.slice(0, -1)).join(', ')}`);
	// Credentials in the URL would be echoed in every status line and in `ps`: refuse them.
	if (parsed.username || parsed.password) throw new UsageError('--mqtt: put no user or password in the URL; use --username and --password-env VAR');
	const opts: BrokerOptions = { url };
	if (typeof flags.username === 'string') opts.username = flags.username;
	if (flags['password-env'] !== undefined) {
		const name = flags['password-env'];
		if (name === true || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError('--password-env wants the name of an environment variable');
		const password = env[name];
		if (password === undefined) throw new UsageError(`--password-env: environment variable ${name} is not set`);
		opts.password = password;
	}
	return opts;
}

/** A command-line value shown in an error: control characters escaped, at most 80 characters. */
function printable(s: string): string {
	const cut = s.length > 80 ? s.slice(0, 80) + '…' : s;
	return cut.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The help lines of the shared options, for both commands' help texts. */
export const BROKER_HELP = `  --mqtt URL       the broker: mqtt://host:port (TCP, default port 1883), mqtts:// (TLS),
                   ws://host:port/path or wss:// (MQTT over WebSocket); no credentials in the URL
  --username U     MQTT user name
  --password-env VAR
                   read the MQTT password from environment variable VAR (never give a password
                   on the command line: other users see it in ps and it stays in shell history)`;
