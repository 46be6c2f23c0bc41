// The inspector in a Web Worker: a thin host around InspectSession (worker-session.ts), which
// parses pasted text and decodes big messages so the page never freezes on them.
import { InspectSession, type InspectReply, type InspectRequest } from './worker-session';

const session = new InspectSession({
	post: (m: InspectReply) => (self as unknown as Worker).postMessage(m),
	later: (fn) => void setTimeout(fn, 0)
});

self.onmessage = (ev: MessageEvent<InspectRequest>) => session.handle(ev.data);
