// The simulation in a Web Worker: a thin host around SimSession (session.ts), which steps the
// world at the chosen speed and posts compact snapshots and event batches. The main thread never
// runs the simulation.
import type { FromWorker, ToWorker } from './protocol';
import { SimSession } from './session';

const session = new SimSession({
	post: (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer),
	now: () => performance.now(),
	later: (fn, ms) => void setTimeout(fn, ms)
});

self.onmessage = (ev: MessageEvent<ToWorker>) => session.handle(ev.data);
