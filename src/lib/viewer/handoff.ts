// Hands a capture from one page to another in a new tab: the bytes wait in IndexedDB under a
// random key that travels in the URL's fragment (`/captures#handoff=<key>`), and are deleted when
// taken. A fragment never reaches a server, and a key alone opens nothing once taken. Hand-overs
// never taken (a tab closed too soon) are swept after an hour by the next put.

/** What was handed over: a capture file's bytes and its file name. */
export interface Handoff {
	bytes: Uint8Array;
	name: string;
}

const DB_NAME = 'cv2x-handoff';
const STORE = 'captures';
/** Hand-overs older than this are deleted by the next put, ms. */
const MAX_AGE_MS = 60 * 60 * 1000;

interface Stored {
	key: string;
	/** The file: bytes, or a Blob (the playground's chunked export: kept by the browser, read when taken). */
	bytes: Uint8Array | Blob;
	name: string;
	/** When it was put, ms since the epoch. */
	at: number;
}

function factory(idb: IDBFactory | undefined): IDBFactory {
	const f = idb ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (!f) throw new Error('capture hand-over: IndexedDB is not available here (private window or an old browser?)');
	return f;
}

/** A request's result, or its error as an Error naming `what`. */
function settle<T>(req: IDBRequest<T>, what: string): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(new Error(`capture hand-over: ${what} failed: ${req.error?.message ?? 'unknown error'}`));
	});
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
	const req = idb.open(DB_NAME, 1);
	req.onupgradeneeded = () => {
		const db = req.result;
		if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
	};
	return settle(req, `opening the database "${DB_NAME}"`);
}

/** Waits for a transaction to commit. */
function committed(tx: IDBTransaction, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(new Error(`capture hand-over: ${what} failed: ${tx.error?.message ?? 'aborted'}`));
	});
}

/** A random key (128 bits, hex). */
function newKey(): string {
	const b = new Uint8Array(16);
	globalThis.crypto.getRandomValues(b);
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps `bytes` (a capture file, as bytes or a Blob) and its file `name` for another page; returns the key to take
 * them by. Sweeps hand-overs older than an hour. `idb` defaults to the browser's IndexedDB.
 * Throws an Error saying what failed when IndexedDB is missing or refuses (quota, private mode).
 */
export async function putHandoff(bytes: Uint8Array | Blob, name: string, idb?: IDBFactory, now = Date.now()): Promise<string> {
	const db = await open(factory(idb));
	try {
		const key = newKey();
		const tx = db.transaction(STORE, 'readwrite');
		const store = tx.objectStore(STORE);
		const done = committed(tx, `keeping ${bytes instanceof Blob ? bytes.size : bytes.length} bytes of ${name}`);
		const all = (await settle(store.getAll(), 'listing hand-overs')) as Stored[];
		for (const old of all) if (!(old?.at > now - MAX_AGE_MS)) store.delete(old.key);
		store.put({ key, bytes, name, at: now } satisfies Stored, key);
		await done;
		return key;
	} finally {
		db.close();
	}
}

/** The capture kept under `key`, deleted as it is taken; null if there is none (taken already, swept, or a wrong key). */
export async function takeHandoff(key: string, idb?: IDBFactory): Promise<Handoff | null> {
	const db = await open(factory(idb));
	try {
		const tx = db.transaction(STORE, 'readwrite');
		const store = tx.objectStore(STORE);
		const done = committed(tx, `taking hand-over ${key}`);
		const v = (await settle(store.get(key), `reading hand-over ${key}`)) as Stored | undefined;
		store.delete(key);
		await done;
		if (!v || typeof v.name !== 'string') return null;
		if (v.bytes instanceof Uint8Array) return { bytes: v.bytes, name: v.name };
		// a Blob is read once the transaction is over (awaiting it inside would end the transaction early)
		if (typeof Blob !== 'undefined' && v.bytes instanceof Blob) return { bytes: new Uint8Array(await v.bytes.arrayBuffer()), name: v.name };
		return null;
	} finally {
		db.close();
	}
}
