// npm run bench: every benchmark, each reported against a baseline measured in the same run.
// The simulation runs first: the codec benchmark's many object shapes would slow it afterwards.
import { codecBench } from './codec';
import { simBench } from './sim';

simBench();
codecBench();
