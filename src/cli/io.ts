import { readFile } from 'node:fs/promises';
import { Cv2xError } from '../lib/codec';

/** Reads FILE or stdin ("-" or none) as bytes. */
export async function readSource(file: string | undefined): Promise<Uint8Array> {
	if (!file || file === '-') {
		if (process.stdin.isTTY) throw new Cv2xError('empty_input', 'no input: give a FILE or pipe data to stdin');
		const chunks: Buffer[] = [];
		for await (const c of process.stdin) chunks.push(c as Buffer);
		return new Uint8Array(Buffer.concat(chunks));
	}
	try {
		return new Uint8Array(await readFile(file));
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new Cv2xError('empty_input', code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(e as Error).message}`);
	}
}

export function write(s: string | Uint8Array) {
	process.stdout.write(s);
}
