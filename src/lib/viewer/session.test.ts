// The worker logic: open with progress, a wrong file changes nothing, filter, rows of the view, detail.
import { describe, expect, it } from 'vitest';
import { ViewerSession, type ViewerReply } from './session';
import { simCaptures } from './testing/generate';

const run = simCaptures(500);

function session(opts: { sliceMs?: number; chunkBytes?: number } = {}) {
	const replies: ViewerReply[] = [];
	return { s: new ViewerSession((r) => replies.push(r), opts), replies };
}

describe('ViewerSession', () => {
	it('opens, filters, pages through the view and details a packet', async () => {
		const { s, replies } = session();
		await s.handle({ op: 'open', id: 1, data: run.pcapng });
		expect(replies.filter((r) => r.op === 'progress').length).toBeGreaterThan(0);
		expect(replies.at(-1)).toMatchObject({ op: 'opened', id: 1, packets: run.records.length, format: 'pcapng' });
		await s.handle({ op: 'filter', id: 2, text: 'spat' });
		const spats = run.records.flatMap((r, i) => (r.type === 'spat' ? [i] : []));
		expect(replies.at(-1)).toEqual({ op: 'filtered', id: 2, text: 'spat', count: spats.length });
		await s.handle({ op: 'rows', id: 3, from: 1, count: 2 });
		const rows = replies.at(-1) as Extract<ViewerReply, { op: 'rows' }>;
		expect(rows.rows.map((r) => r.no)).toEqual([spats[1] + 1, spats[2] + 1]);
		expect(rows.rows[0].info).toMatch(/^SPAT int /);
		await s.handle({ op: 'detail', id: 4, index: spats[1] });
		expect(replies.at(-1)).toMatchObject({ op: 'detail', id: 4, detail: { row: { no: spats[1] + 1, type: 'spat' } } });
	});

	it('a wrong file or filter is an error reply and leaves the open capture and view as they were', async () => {
		const { s, replies } = session();
		await s.handle({ op: 'open', id: 1, data: run.jsonl });
		await s.handle({ op: 'filter', id: 2, text: 'bsm' });
		await s.handle({ op: 'open', id: 3, data: new TextEncoder().encode('%PDF-1.7 ...') });
		expect(replies.at(-1)).toMatchObject({ op: 'error', id: 3, message: expect.stringMatching(/a PDF document: no pcapng magic/) });
		await s.handle({ op: 'filter', id: 4, text: 'bsm.speed >' });
		expect(replies.at(-1)).toMatchObject({ op: 'error', id: 4, column: 12 });
		await s.handle({ op: 'rows', id: 5, from: 0, count: 3 });
		const rows = replies.at(-1) as Extract<ViewerReply, { op: 'rows' }>;
		expect(rows.rows.map((r) => r.type)).toEqual(['bsm', 'bsm', 'bsm']);
	});

	it('a newer open supersedes one still parsing', async () => {
		const { s, replies } = session({ sliceMs: 0, chunkBytes: 4096 }); // one step per slice: the first open must yield
		const first = s.handle({ op: 'open', id: 1, data: run.jsonl });
		const second = s.handle({ op: 'open', id: 2, data: run.pcapng });
		await Promise.all([first, second]);
		expect(replies.filter((r) => r.op === 'opened').map((r) => r.id)).toEqual([2]);
		expect(replies.filter((r) => r.op === 'progress' && r.id === 1).length).toBe(1);
	});
});
