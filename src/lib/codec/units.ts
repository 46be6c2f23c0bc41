// Physical-unit views: turn the standards' scaled integers into values people read. The
// arithmetic is the generated data elements' (generated/elements.js), never written out here.
import { de, type DataElement, type DataElementName } from './generated/elements.js';
import type { FieldMeta, UnitMeta } from './schema';

export interface PhysicalValue {
	/** Encoded value times the unit factor, in `symbol`; null when unavailable. */
	value: number | null;
	symbol: string;
	/** e.g. "12.50 m/s (45.0 km/h)", "39.7912345°", "unavailable". */
	text: string;
	unavailable: boolean;
}

/** Decimals worth showing for a factor: a speed step -> 2, a heading step -> 4, 360/65535 -> 3. */
export function decimalsFor(factor: number): number {
	if (factor >= 1) return 0;
	const d = Math.ceil(-Math.log10(factor) - 1e-9);
	const scaled = factor * 10 ** d;
	// a step of 1/80 needs 4 digits, not 2: keep digits until the factor is a whole number of steps
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

/** The data element of a field (its `de:` annotation), if it has one. */
export function elementOf(field: Pick<FieldMeta, 'de'>): DataElement | undefined {
	return field.de !== undefined ? (de as Record<string, DataElement>)[field.de] : undefined;
}

/**
 * The physical reading of one encoded numeric value of a field: through its data element's
 * converter when it has one, else the plain unit factor. 64-bit values arrive as strings.
 */
export function toPhysical(field: Pick<FieldMeta, 'unit' | 'unavailable' | 'de'>, encoded: number | string): PhysicalValue {
	const n = typeof encoded === 'string' ? Number(encoded) : encoded;
	const unit = field.unit ?? { text: '1', factor: 1, symbol: '1' };
	const el = elementOf(field);
	const value = el ? el.toPhysical(n) : field.unavailable !== undefined && n === field.unavailable ? null : n * unit.factor;
	if (value === null) return { value: null, symbol: unit.symbol, text: 'unavailable', unavailable: true };
	return { value, symbol: unit.symbol, text: formatPhysical(value, unit), unavailable: false };
}

/**
 * The encoded integer for a physical value: the field's data element's nearest valid step
 * (clamped, or wrapped for angles; null gives the unavailable value), else value / factor rounded.
 */
export function fromPhysical(field: Pick<FieldMeta, 'unit' | 'de'>, value: number | null): number {
	const el = elementOf(field);
	if (el) return (el.fromPhysical as (v: number | null) => number)(value);
	if (value === null) throw new RangeError('no unavailable value without a data element');
	return Math.round(value / (field.unit?.factor ?? 1));
}

export { de, type DataElement, type DataElementName };
