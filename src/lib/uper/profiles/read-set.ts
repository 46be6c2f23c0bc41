// Reads a module set folder (the `.asn` files of ../shared/asn1/<profile>) for the generator
// and the tests; the file system is passed in so nothing here needs Node in a browser bundle.
import type { ModuleText } from '../asn1';

/** The two calls of node:fs this needs. */
export interface FolderReader {
	readdirSync(dir: string): string[];
	readFileSync(path: string, encoding: 'latin1'): string;
}

/**
 * Every `*.asn` file of `dir`, in name order, as `{ name: '<folder>/<file>', text }`. Read
 * as Latin-1 so any byte is a character: some sets have GBK text in comments, which the
 * lexer skips. Throws what `fs` throws for a missing folder.
 */
export function readModuleSet(dir: string, fs: FolderReader): ModuleText[] {
	const folder = dir.replace(/\/+$/, '').split('/').pop();
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.asn'))
		.sort()
		.map((f) => ({ name: `${folder}/${f}`, text: fs.readFileSync(`${dir}/${f}`, 'latin1') }));
}
