// npm run bench: every benchmark, each reported against a baseline measured in the same run.
import { codecBench } from './codec';
import { simBench } from './sim';

codecBench();
console.log('');
simBench();
