// The broker options `sim` and `listen` share: the URL, the user name, and the password, which
// is only ever read from an environment variable (a command line is visible to every user of the
// machine in `ps` and lands in shell history).
import { parseBrokerUrl, type BrokerUrl } from '../../lib/live/broker-url';
import { topicFilterProblem } from '../../lib/live/topics';
import { UsageError } from '../args';

/** Where and as whom to connect. `password` never comes from argv. */
export interface BrokerOptions {
	url: string;
	username?: string;
	password?: string;
}

/**
 * Checks `--mqtt URL`, `--username U` and `--password-env VAR` (the variable must be set).
 * @throws UsageError naming the flag: a URL that does not parse, a scheme other than mqtt, mqtts,
 *   ws, wss, user info in the URL, a password variable that is not set.
 */
export function brokerOptions(flags: Record<string, string | true>, env: NodeJS.ProcessEnv = process.env): BrokerOptions {
	const url = flags.mqtt;
	if (url === undefined || url === true) throw new UsageError('--mqtt URL is required (e.g. mqtt://127.0.0.1:1883 or ws://127.0.0.1:8083/mqtt)');
	let parsed: BrokerUrl;
	try {
		parsed = parseBrokerUrl(url, false);
	} catch (e) {
		throw new UsageError(`--mqtt: ${printable((e as Error).message)}`);
	}
	// Credentials in the URL would show in `ps` and in shell history: refuse them.
	if (parsed.username !== undefined || parsed.password !== undefined) throw new UsageError('--mqtt: put no user or password in the URL; use --username and --password-env VAR');
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

/** A command-line value shown in an error: control characters escaped, at most 300 characters. */
function printable(s: string): string {
	const cut = s.length > 300 ? s.slice(0, 300) + '…' : s;
	return cut.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The help lines of the shared options, for both commands' help texts. */
export const BROKER_HELP = `  --mqtt URL       the broker: mqtt://host:port (TCP, default port 1883), mqtts:// (TLS),
                   ws://host:port/path or wss:// (MQTT over WebSocket); no credentials in the URL
  --username U     MQTT user name
  --password-env VAR
                   read the MQTT password from environment variable VAR (never give a password
                   on the command line: other users see it in ps and it stays in shell history)`;

/**
 * `--topic` values (repeatable, each a comma list) as distinct filters, `#` when none.
 * @throws UsageError naming a filter that is not a valid MQTT topic filter (MQTT 3.1.1 §4.7).
 */
export function topicFilters(values: string[]): string[] {
	const filters = values.flatMap((t) => t.split(',')).map((t) => t.trim());
	for (const f of filters) {
		const problem = topicFilterProblem(f);
		if (problem) throw new UsageError(`--topic: ${printable(problem)}`);
	}
	return filters.length ? [...new Set(filters)] : ['#'];
}
