// Physical-unit views: turn the standards' scaled integers into values people read.
import type { FieldMeta, UnitMeta } from './schema';

export interface PhysicalValue {
	/** Encoded value times the unit factor, in `symbol`; null when unavailable. */
	value: number | null;
	symbol: string;
	/** e.g. "12.50 m/s (45.0 km/h)", "39.7912345°", "unavailable". */
	text: string;
	unavailable: boolean;
}

/** Decimals worth showing for a factor: 0.02 -> 2, 0.0125 -> 4, 1e-7 -> 7, 360/65535 -> 3. */
export function decimalsFor(factor: number): number {
	if (factor >= 1) return 0;
	const d = Math.ceil(-Math.log10(factor) - 1e-9);
	const scaled = factor * 10 ** d;
	// 0.0125 needs 4, not 2: keep digits until the factor is a whole number of steps
	for (let k = d; k <= 10; k++) if (Math.abs(factor * 10 ** k - Math.round(factor * 10 ** k)) < 1e-9) return k;
	return scaled >= 1 ? d : d + 1;
}

const SYMBOL_TEXT: Record<string, string> = { deg: '°', '1': '', 'm/s2': 'm/s²', 'deg/s': '°/s' };

export function formatPhysical(value: number, unit: UnitMeta): string {
	const decimals = Math.min(decimalsFor(unit.factor), 10);
	const num = value.toFixed(decimals);
	const sym = SYMBOL_TEXT[unit.symbol] ?? unit.symbol;
	if (unit.symbol === 'm/s') return `${num} m/s (${(value * 3.6).toFixed(Math.max(1, decimals - 1))} km/h)`;
	if (unit.symbol === 'deg') return `${num}°`;
	if (unit.symbol === 'ms' && Math.abs(value) >= 1000) return `${num} ms (${(value / 1000).toFixed(3)} s)`;
	return sym ? `${num} ${sym}` : num;
}

/** The physical reading of one encoded numeric value of a field. */
export function toPhysical(field: Pick<FieldMeta, 'unit' | 'unavailable'>, encoded: number | string): PhysicalValue {
	const n = typeof encoded === 'string' ? Number(encoded) : encoded;
	const unit = field.unit ?? { text: '1', factor: 1, symbol: '1' };
	if (field.unavailable !== undefined && n === field.unavailable)
		return { value: null, symbol: unit.symbol, text: 'unavailable', unavailable: true };
	const value = n * unit.factor;
	return { value, symbol: unit.symbol, text: formatPhysical(value, unit), unavailable: false };
}

/** The encoded integer for a physical value (rounded to the nearest step). */
export function fromPhysical(field: Pick<FieldMeta, 'unit'>, value: number): number {
	const f = field.unit?.factor ?? 1;
	return Math.round(value / f);
}

/**
 * Physical values to the standards' integers, clamped to each field's valid range (so a glitch
 * upstream cannot produce an out-of-range field): the one set used by the simulation and apps.
 */
export const units = {
	/** degrees -> 1e-7 degree */
	deg7: (deg: number) => Math.round(deg * 1e7),
	/** m/s -> 0.02 m/s, 0..8190 */
	speedUnits: (ms: number) => Math.min(8190, Math.max(0, Math.round(ms / 0.02))),
	/** degrees clockwise from north -> 0.0125 degree, 0..28799 */
	headingUnits: (deg: number) => Math.round((((deg % 360) + 360) % 360) / 0.0125) % 28800,
	/** m/s² -> 0.01 m/s², -2000..2000 */
	accelUnits: (ms2: number) => Math.max(-2000, Math.min(2000, Math.round(ms2 / 0.01))),
	/** seconds -> 0.1 s countdown, 0..36000 */
	tenths: (s: number) => Math.min(36000, Math.max(0, Math.round(s * 10)))
};
