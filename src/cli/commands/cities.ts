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
		const rows = cityIds().map((id) => {
			const c = loadCity(id);
			return [id, `${c.city.en} ${c.city.zh}`, String(c.links.length), String(c.nodes.filter((n) => n.signal).length), String(c.rsus.length), `${c.zone.en} / ${c.zone.zh}${c.approximate ? ' (approximate)' : ''}`];
		});
		const head = ['id', 'city', 'roads', 'signals', 'RSUs', 'test zone'];
		// CJK characters take two columns in a terminal
		const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
		const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
		const pad = (t: string, i: number) => (i >= 2 && i <= 4 ? ' '.repeat(cols[i] - width(t)) + t : t + ' '.repeat(cols[i] - width(t)));
		for (const r of [head, ...rows]) process.stdout.write(r.map((t, i) => (i === 5 ? t : pad(t, i))).join('  ') + '\n');
		return 0;
	}
};
