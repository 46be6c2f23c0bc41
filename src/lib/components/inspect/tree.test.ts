import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asciiOf, bilingual, inLocale, loadExpansion, parentsOf, saveExpansion } from './tree';

describe('the inspector tree helpers', () => {
	it('finds each row its parent from the depths (a row one level up, the nearest before it)', () => {
		const depths = [0, 0, 1, 2, 2, 1, 0, 1];
		expect([...parentsOf(depths.map((depth) => ({ depth })))]).toEqual([-1, -1, 1, 2, 2, 1, -1, 6]);
		expect([...parentsOf([])]).toEqual([]);
	});

	it('shows printable ASCII as itself and anything else as a dot, as Wireshark does', () => {
		expect([0x00, 0x1f, 0x20, 0x41, 0x7e, 0x7f, 0xe9].map(asciiOf).join('')).toBe('.. A~..');
	});

	it('reads a meaning in the language shown, and nothing from what is not one', () => {
		const m = bilingual({ en: 'hard braking', zh: '紧急制动' });
		expect(inLocale(m, 'zh')).toBe('紧急制动');
		expect(inLocale(m, 'en')).toBe('hard braking');
		expect(inLocale(bilingual({ en: 'x', zh: '' }), 'zh')).toBe('x');
		expect(bilingual('hard braking')).toBeUndefined();
		expect(bilingual({ en: 'x' })).toBeUndefined();
		expect(inLocale(undefined, 'en')).toBeUndefined();
	});

	describe('the expansion remembered per message type', () => {
		let store: Map<string, string>;
		beforeEach(() => {
			store = new Map();
			(globalThis as { localStorage?: unknown }).localStorage = {
				getItem: (k: string) => store.get(k) ?? null,
				setItem: (k: string, v: string) => void store.set(k, v),
				removeItem: (k: string) => void store.delete(k)
			};
		});
		afterEach(() => {
			delete (globalThis as { localStorage?: unknown }).localStorage;
		});

		it('keeps "all open" and the nodes toggled one by one, per type', () => {
			saveExpansion('pb.map_data', { def: 'open', toggled: new Map([['map_data.nodes', false]]) });
			const e = loadExpansion('pb.map_data');
			expect(e.def).toBe('open');
			expect([...e.toggled]).toEqual([['map_data.nodes', false]]);
			expect(loadExpansion('pb.bsm')).toEqual({ def: 'auto', toggled: new Map() });
		});

		it('stays small: the latest 200 toggles only, and nothing stored for the default', () => {
			const toggled = new Map(Array.from({ length: 250 }, (_, i) => [`n${i}`, i % 2 === 0] as [string, boolean]));
			saveExpansion('uper.mapFrame', { def: 'auto', toggled });
			const e = loadExpansion('uper.mapFrame');
			expect(e.toggled.size).toBe(200);
			expect(e.toggled.has('n249')).toBe(true);
			expect(e.toggled.has('n0')).toBe(false);
			saveExpansion('uper.mapFrame', { def: 'auto', toggled: new Map() });
			expect(store.size).toBe(0);
		});

		it('starts from the default when the entry is damaged or storage is missing', () => {
			store.set('cv2x.tree.pb.bsm', '{not json');
			expect(loadExpansion('pb.bsm')).toEqual({ def: 'auto', toggled: new Map() });
			store.set('cv2x.tree.pb.bsm', JSON.stringify({ d: 'sideways', t: 'x' }));
			expect(loadExpansion('pb.bsm')).toEqual({ def: 'auto', toggled: new Map() });
			delete (globalThis as { localStorage?: unknown }).localStorage;
			expect(loadExpansion('pb.bsm')).toEqual({ def: 'auto', toggled: new Map() });
			expect(() => saveExpansion('pb.bsm', { def: 'open', toggled: new Map() })).not.toThrow();
		});
	});
});
