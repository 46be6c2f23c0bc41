// The simulation in a Web Worker: a thin host around SimSession (session.ts), which steps the
// world at the chosen speed and posts compact snapshots and event batches. The main thread never
// runs the simulation. Live mode's parts (mqtt.js, the dialects) load on first use.
import type { FromWorker, ToWorker } from './protocol';
import { SimSession } from './session';

const session = new SimSession({
	post: (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer),
	now: () => performance.now(),
	later: (fn, ms) => void setTimeout(fn, ms),
	liveParts: () => import('./live-wiring').then((w) => w.liveParts())
});

self.onmessage = (ev: MessageEvent<ToWorker>) => session.handle(ev.data);
