// Test harness for asn1-peer (../shared/tools/asn1-peer), an independent UPER codec built from the
// same ASN.1 module sets with Erlang/OTP's asn1 application. It judges our codec, so nothing of
// ours runs inside it: we only hand it hex or JER lines and read its JSON lines back.
//
// Every batch call runs one peer process in `--lines` mode (one Erlang VM for the whole batch,
// about 0.6 s to start), so a property test of hundreds of values costs one process per
// direction. Test-only code: it spawns processes and reads the file system.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { JerValue } from '../jer';

/** A JSON value as the peer prints it: X.697 JER of an ASN.1 value (the type of ../jer.ts). */
export type { JerValue };

/** One line of `decode --lines`: the JER of the frame, or the peer's reason for refusing it. */
export type PeerDecoded = { ok: true; reencodeEqual: boolean; jer: JerValue } | { ok: false; error: string };

/** One line of `encode --lines`: the UPER hex (upper case), or the peer's reason for refusing. */
export type PeerEncoded = { ok: true; hex: string } | { ok: false; error: string };

/** One line of `canon --lines`: the canonical JER, or why the value breaks the schema. */
export type PeerCanon = { ok: true; jer: JerValue } | { ok: false; error: string };

/** One frame of `random`: a valid value as JER and its canonical UPER hex (upper case). */
export interface PeerRandomFrame {
	hex: string;
	jer: JerValue;
}

/** The project's root: this file is src/lib/uper/testing/peer.ts. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The shared reference data beside the project (`<project>/../shared`); absent in a user's clone. */
export const SHARED_DIR = resolve(PROJECT_ROOT, '..', 'shared');

/** Where the peer's script lives when the shared reference data is there. */
export const PEER_PATH = join(SHARED_DIR, 'tools', 'asn1-peer', 'asn1-peer');

/** The built-in profiles the peer compiles (its folders in ../shared/asn1). */
export const PEER_PROFILES = ['csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020'] as const;

/** Output limit of one peer call: 2000 random frames of JER are about 12 MB. */
const MAX_OUTPUT = 1 << 28;

/**
 * Why the peer cannot run here, or `undefined` when it can: the script is missing (a fresh clone
 * without ../shared) or Erlang/OTP's asn1 is missing (outside CI; Debian package erlang-asn1,
 * which .ci/run installs). Checked without starting the peer, which would try to install Erlang.
 */
export function peerUnavailable(peerPath = PEER_PATH): string | undefined {
	if (!existsSync(peerPath)) return `${peerPath} is absent (the shared reference data is not beside this clone)`;
	const erl = spawnSync(
		'erl',
		['-noshell', '-eval', 'case code:lib_dir(asn1) of {error, _} -> halt(1); _ -> halt(0) end.'],
		{ stdio: 'ignore' }
	);
	if (erl.error || erl.status !== 0) return "Erlang/OTP's asn1 is missing (Debian package erlang-asn1; .ci/run installs it)";
	return undefined;
}

/** Thrown when the peer itself fails (exit status 2, bad output): a broken setup, never a verdict. */
export class PeerFailure extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PeerFailure';
	}
}

/**
 * Runs the peer once: `args` on its command line, `input` on stdin. Exit status 0 and 1 are
 * answers (1 = some line was refused, which each line says); anything else is a `PeerFailure`.
 */
function runPeer(peerPath: string, args: string[], input = ''): string {
	return runCommand(peerPath, args, input, args.join(' '));
}

function runCommand(command: string, args: string[], input: string, what: string): string {
	const r = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: MAX_OUTPUT });
	if (r.error) throw new PeerFailure(`asn1-peer ${what}: ${r.error.message}`);
	if (r.status !== 0 && r.status !== 1) {
		throw new PeerFailure(`asn1-peer ${what} exited with ${r.status ?? r.signal}: ${r.stderr.trim().slice(-2000)}`);
	}
	return r.stdout;
}

/** A lock file beside the peer's cache when flock(1) is there (util-linux), else undefined. */
function buildLockPath(): string | undefined {
	if (spawnSync('flock', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
	const cache = process.env.ASN1_PEER_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? homedir(), '.cache'), 'asn1-peer');
	try {
		mkdirSync(cache, { recursive: true });
	} catch {
		return undefined;
	}
	return join(cache, '.cv2x-build.lock');
}

/** Parses one JSON object per line and checks there is exactly one per input. */
function jsonLines<T>(out: string, expected: number, what: string): T[] {
	const lines = out.split('\n').filter((l) => l.trim() !== '');
	if (lines.length !== expected) throw new PeerFailure(`asn1-peer ${what}: ${lines.length} output lines for ${expected} inputs`);
	return lines.map((l, i) => {
		try {
			return JSON.parse(l) as T;
		} catch {
			throw new PeerFailure(`asn1-peer ${what}: line ${i + 1} is not JSON: ${l.slice(0, 200)}`);
		}
	});
}

/** asn1-peer driven in batches; every method is one peer process. */
export class AsnPeer {
	constructor(readonly path = PEER_PATH) {}

	/**
	 * Compiles the profiles' module sets into the peer's cache (~/.cache/asn1-peer; about 25 s for
	 * all four the first time, nothing when cached and current). Throws `PeerFailure` on failure.
	 */
	build(profiles: readonly string[] = PEER_PROFILES): void {
		// Test files run side by side: flock(1) makes the others wait for the first build and then
		// find the cache current, instead of compiling the same sets at the same time.
		const lock = buildLockPath();
		if (lock) runCommand('flock', [lock, this.path, 'build', ...profiles], '', 'build');
		else runPeer(this.path, ['build', ...profiles]);
	}

	/** Decodes each UPER hex frame under `profile` (X.691 unaligned PER), one result per frame. */
	decode(profile: string, hexFrames: readonly string[]): PeerDecoded[] {
		if (hexFrames.length === 0) return [];
		const out = runPeer(this.path, ['decode', profile, '-', '--lines'], hexFrames.join('\n') + '\n');
		return jsonLines<PeerDecoded>(out, hexFrames.length, `decode ${profile}`);
	}

	/** Encodes each JER value (X.697) of a MessageFrame under `profile`, one result per value. */
	encode(profile: string, values: readonly JerValue[]): PeerEncoded[] {
		if (values.length === 0) return [];
		const out = runPeer(this.path, ['encode', profile, '-', '--lines'], values.map((v) => JSON.stringify(v)).join('\n') + '\n');
		return jsonLines<PeerEncoded>(out, values.length, `encode ${profile}`);
	}

	/** Checks each JER value against the schema and prints it in the peer's canonical form. */
	canon(profile: string, values: readonly JerValue[]): PeerCanon[] {
		if (values.length === 0) return [];
		const out = runPeer(this.path, ['canon', profile, '-', '--lines'], values.map((v) => JSON.stringify(v)).join('\n') + '\n');
		return jsonLines<PeerCanon>(out, values.length, `canon ${profile}`);
	}

	/**
	 * `n` random valid MessageFrames of `profile`; frame i takes MessageFrame alternative
	 * i mod (number of slots), so n >= slots covers every alternative. Same seed, same frames.
	 */
	random(profile: string, n: number, seed: number): PeerRandomFrame[] {
		if (n === 0) return [];
		const out = runPeer(this.path, ['random', profile, String(n), String(seed)]);
		return jsonLines<PeerRandomFrame>(out, n, `random ${profile}`);
	}

	/** The MessageFrame alternatives `random` cycles through, e.g. `msgFrameExt(MessageTypes 12)`. */
	slots(profile: string): string[] {
		return runPeer(this.path, ['slots', profile])
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
	}
}
