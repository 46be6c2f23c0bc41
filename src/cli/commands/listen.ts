import { intFlag, parseArgs, UsageError } from '../args';
import { quoted } from '../error-line';
import { BROKER_HELP, brokerOptions, topicFilters, type BrokerOptions } from '../live/options';
import { isProfileName, profileNames, type ProfileName } from '../../lib/uper/profiles';
import type { Command } from './index';

export const listen: Command = {
	summary: 'subscribe to an MQTT broker and decode every C-V2X message that arrives',
	help: `Usage: cv2x listen --mqtt URL [--topic FILTER]... [--out FILE.pcapng|FILE.jsonl] [--count N]
                  [--seconds S] [--json] [--profile NAME] [--username U] [--password-env VAR]

Subscribes to topic filters on an MQTT broker and decodes every publication: the dialect comes
from the topic (V2X.RSU.<TYPE>.UP: the RSU docking framing with UPER inside; V2X/RSU/<esn>/<TYPE>/UP:
OpenV2X JSON; cv2x/v1/<node>/<type>: protobuf MessageFrames), else from the payload; UPER is read
under the profile that fits. Prints one line per message on stdout:
  time (UTC, received)  topic  dialect  type  sender  size and encoding  summary
e.g. "08:00:01.250  V2X.RSU.BSM.UP  docking  bsm  RSU00001  43 B UPER csae53-2020-draft  BSM id …
msgCnt 12 43.2 km/h heading 57° at 39.7805100,116.5012345". A publication that does not decode
gives one line "time  undecodable  topic  error  hex… (N bytes)": the error names where (byte
offset, bit offset and field path, JSON path); the hex is cut at ${256} characters, the byte count
is always given. Topics, senders and texts from the network are printed with control characters
escaped (\\xNN). Status (connecting, connected, subscribed, reconnecting with the error and the
next attempt, closed) goes to stderr; a lost connection is retried with backoff (1 s doubling to
30 s) until --count, --seconds or Ctrl-C ends the run.
${BROKER_HELP}
  --topic FILTER   MQTT topic filter to subscribe to; repeatable or a comma list ('+' one level,
                   '#' the rest; default '#', everything)
  --out FILE       also write every decoded message as a capture record (sender, type, the frame's
                   bytes, "encoding":"uper" and the profile for UPER; t = ms since listen started;
                   no receivers): FILE ending in .pcapng is a Wireshark capture, written when the
                   run ends (its name block needs every sender first); any other FILE is JSON
                   Lines, written as messages arrive. Undecodable publications are not recorded.
  --profile NAME   read UPER (docking, openv2x) under this profile first (see "cv2x profiles"): the
                   publisher's, when known; records then name it. Without it the profiles are
                   tried in the order csae53-2020-draft (deployed RSUs), csae53-2020, csae157-2020,
                   csae53-2017, and the first that reads a message cleanly is named
  --count N        stop after N messages (decoded or undecodable)
  --seconds S      stop after S seconds of wall time
  --json           one JSON object per line instead: time, topic, dialect, type, sender, size,
                   encoding, profile, sentAt, summary, hex; or time, undecodable, topic, error,
                   size, hex (all the bytes)
Ends on --count, --seconds or Ctrl-C (SIGINT) or SIGTERM; then closes the file and prints a summary
line on stderr: messages by type, undecodable publications.
Exit status: 0 done; 1 a broker that cannot be reached at the start (refused, unknown host, no
CONNACK within 5 s, bad credentials), or that refuses for good later (credentials on a
reconnect), or a file that cannot be written: one "error:" line; 2 bad usage.`,
	async run(argv) {
		const opts = listenOptions(argv);
		const { runListen } = await import('../live/listen-run');
		return runListen(opts);
	}
};

/** What `cv2x listen` was asked to do, checked. */
export interface ListenOptions {
	broker: BrokerOptions;
	/** MQTT topic filters, checked. */
	topics: string[];
	out?: string;
	count?: number;
	seconds?: number;
	json: boolean;
	/** UPER profile tried first. */
	profile?: ProfileName;
}

/** The command's options; usage errors name the flag. */
export function listenOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ListenOptions {
	const { flags, positionals, lists } = parseArgs(argv, ['mqtt', 'out', 'count', 'seconds', 'profile', 'username', 'password-env'], ['json'], ['topic']);
	if (positionals.length) throw new UsageError(`unexpected argument ${quoted(positionals[0])}`);
	const profile = flags.profile;
	if (profile !== undefined && (profile === true || !isProfileName(profile))) throw new UsageError(`unknown profile ${quoted(profile === true ? '' : profile)}; one of: ${profileNames().join(', ')}`);
	return {
		...(profile ? { profile } : {}),
		broker: brokerOptions(flags, env),
		topics: topicFilters(lists.topic),
		out: typeof flags.out === 'string' ? flags.out : undefined,
		count: flags.count === undefined ? undefined : intFlag('count', flags.count, 0, 1),
		seconds: flags.seconds === undefined ? undefined : intFlag('seconds', flags.seconds, 0, 1, 86400 * 365),
		json: flags.json === true
	};
}
