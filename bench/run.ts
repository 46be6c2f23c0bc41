// npm run bench: every benchmark, each reported against a baseline measured in the same run.
// The simulation runs first: the codec benchmark's many object shapes would slow it afterwards.
// `npm run bench -- startup` (or sim, codec) runs only the ones named. Opt-in benchmarks (they
// start outside programs and take minutes: mqtt-load) run only when named.
import { codecBench } from './codec';
import { mqttLoadBench } from './mqtt-load';
import { simBench } from './sim';
import { startupBench } from './startup';
import { uperBench } from './uper';
import { viewerBench } from './viewer';

const benches: Record<string, () => void | Promise<void>> = {
	sim: simBench, codec: codecBench, startup: startupBench, uper: uperBench, viewer: viewerBench, 'mqtt-load': mqttLoadBench
};
const optIn = new Set(['mqtt-load']);
const named = process.argv.slice(2);
const unknown = named.filter((n) => !(n in benches));
if (unknown.length) {
	console.error(`unknown benchmark ${unknown.join(', ')}; one of: ${Object.keys(benches).join(', ')}`);
	process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) if (named.length ? named.includes(name) : !optIn.has(name)) await bench();
