import { broker } from './broker';
import { cities } from './cities';
import { city } from './city';
import { decode } from './decode';
import { encode } from './encode';
import { inspect } from './inspect';
import { listen } from './listen';
import { profiles } from './profiles';
import { sample } from './sample';
import { sim } from './sim';
import { types } from './types';
import { validate } from './validate';

export interface Command {
	summary: string;
	help: string;
	run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = { types, sample, encode, decode, inspect, validate, profiles, cities, city, sim, listen, broker };
