import { cityIds, loadCity } from '../../lib/sim';
import { parseArgs, UsageError } from '../args';
import type { Command } from './index';

export const cities: Command = {
	summary: 'list the pilot-city road networks the simulation can run',
	help: `Usage: cv2x cities

Lists every pilot-city network: id (for "cv2x sim --city"), English and Chinese names, roads
(links), signalised intersections and roadside units.`,
	async run(argv) {
		const { positionals } = parseArgs(argv, []);
		if (positionals.length) throw new UsageError('cities takes no arguments');
		process.stdout.write(`${'id'.padEnd(22)}${'city'.padEnd(34)}${'roads'.padStart(6)}${'signals'.padStart(8)}${'RSUs'.padStart(6)}  approximate\n`);
		for (const id of cityIds()) {
			const c = loadCity(id);
			const name = `${c.city.en} ${c.zone.en} / ${c.city.zh}${c.zone.zh}`;
			const signals = c.nodes.filter((n) => n.signal).length;
			process.stdout.write(
				`${id.padEnd(22)}${name.padEnd(34)}${String(c.links.length).padStart(6)}${String(signals).padStart(8)}${String(c.rsus.length).padStart(6)}  ${c.approximate ? 'yes' : 'no'}\n`
			);
		}
		return 0;
	}
};
