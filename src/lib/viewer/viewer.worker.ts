// The capture viewer in a Web Worker: a thin host around ViewerSession (session.ts), which parses,
// filters and decodes where the table lives, so a million packets never block the page. One
// extra request, `demo`, makes a small capture here (demo.ts) and opens it like a dropped file.
import { ViewerSession, type ViewerReply, type ViewerRequest } from './session';

/** What the page may send: the session's requests, and a demo capture of `seconds` simulated seconds. */
export type ViewerWorkerRequest = ViewerRequest | { op: 'demo'; id: number; seconds: number };

const post = (r: ViewerReply) => (self as unknown as Worker).postMessage(r);
const session = new ViewerSession(post);

async function demo(id: number, seconds: number): Promise<void> {
	try {
		const { demoCapture } = await import('./demo');
		await session.handle({ op: 'open', id, data: demoCapture(seconds) });
	} catch (e) {
		post({ op: 'error', id, message: `the demo capture failed: ${e instanceof Error ? e.message : String(e)}` });
	}
}

self.onmessage = (ev: MessageEvent<ViewerWorkerRequest>) => {
	const req = ev.data;
	if (req.op === 'demo') void demo(req.id, req.seconds);
	else void session.handle(req);
};
