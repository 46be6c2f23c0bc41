// The capture hand-over against a small in-memory IndexedDB (fake-indexeddb is not installed):
// it implements just what handoff.ts uses, with requests that answer asynchronously as the real
// one does. The browser's own IndexedDB is covered by the playground e2e test.
import { describe, expect, it } from 'vitest';
import { putHandoff, takeHandoff } from './handoff';

type Req = { result?: unknown; error: Error | null; onsuccess?: () => void; onerror?: () => void; onupgradeneeded?: () => void };

function fakeIndexedDb() {
	const stores = new Map<string, Map<string, unknown>>();
	const answer = (req: Req, fn: () => unknown) =>
		queueMicrotask(() => {
			req.result = structuredClone(fn());
			req.onsuccess?.();
		});
	const db = {
		objectStoreNames: { contains: (n: string) => stores.has(n) },
		createObjectStore: (n: string) => stores.set(n, new Map()),
		close: () => {},
		transaction(name: string) {
			const data = stores.get(name)!;
			let open = 0;
			const tx: { oncomplete?: () => void; onerror?: () => void; onabort?: () => void; error: null; objectStore: () => unknown } = {
				error: null,
				objectStore: () => ({
					getAll: () => req(() => [...data.values()]),
					get: (k: string) => req(() => data.get(k)),
					put: (v: unknown, k: string) => req(() => void data.set(k, structuredClone(v))),
					delete: (k: string) => req(() => void data.delete(k))
				})
			};
			const req = (fn: () => unknown) => {
				const r: Req = { error: null };
				open++;
				answer(r, () => {
					const v = fn();
					// the transaction commits once no request is left
					setTimeout(() => --open === 0 && tx.oncomplete?.(), 0);
					return v;
				});
				return r;
			};
			return tx;
		}
	};
	const idb = {
		open() {
			const r: Req = { error: null, result: db };
			queueMicrotask(() => {
				r.onupgradeneeded?.();
				r.onsuccess?.();
			});
			return r;
		}
	};
	return { idb: idb as unknown as IDBFactory, stores };
}

describe('the capture hand-over', () => {
	it('keeps bytes under a key, gives them once, then nothing', async () => {
		const { idb } = fakeIndexedDb();
		const bytes = new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 1, 2, 3]);
		const key = await putHandoff(bytes, 'run.pcapng', idb);
		expect(key).toMatch(/^[0-9a-f]{32}$/);
		const other = await putHandoff(new Uint8Array([9]), 'b.pcapng', idb);
		expect(other).not.toBe(key);
		expect(await takeHandoff(key, idb)).toEqual({ bytes, name: 'run.pcapng' });
		expect(await takeHandoff(key, idb)).toBeNull();
		expect(await takeHandoff('nope', idb)).toBeNull();
		expect((await takeHandoff(other, idb))!.name).toBe('b.pcapng');
	});

	it('keeps a Blob (the chunked export) and gives its bytes', async () => {
		const { idb } = fakeIndexedDb();
		const parts = [new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]), new Uint8Array([1, 2, 3])];
		const key = await putHandoff(new Blob(parts), 'run.pcapng', idb);
		expect(await takeHandoff(key, idb)).toEqual({ bytes: new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 1, 2, 3]), name: 'run.pcapng' });
	});

	it('sweeps hand-overs older than an hour on the next put', async () => {
		const { idb, stores } = fakeIndexedDb();
		const t0 = 1_700_000_000_000;
		const old = await putHandoff(new Uint8Array([1]), 'old.pcapng', idb, t0);
		const fresh = await putHandoff(new Uint8Array([2]), 'fresh.pcapng', idb, t0 + 30 * 60_000);
		await putHandoff(new Uint8Array([3]), 'new.pcapng', idb, t0 + 61 * 60_000);
		expect(stores.get('captures')!.has(old)).toBe(false);
		expect(stores.get('captures')!.has(fresh)).toBe(true);
	});

	it('says what is missing when there is no IndexedDB', async () => {
		const saved = (globalThis as { indexedDB?: unknown }).indexedDB;
		delete (globalThis as { indexedDB?: unknown }).indexedDB;
		await expect(putHandoff(new Uint8Array(1), 'x')).rejects.toThrow(/IndexedDB is not available/);
		(globalThis as { indexedDB?: unknown }).indexedDB = saved;
	});
});
