// Times: MinuteOfTheYear, DSecond, TimeMark (T/CSAE 53-2020 DefTime, = SAE J2735) and epoch
// milliseconds, said in UTC and in local time (default China, UTC+8).
import { UNAVAILABLE, pad2 } from './text';
import type { Meaning, MeaningContext } from './types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** China Standard Time, the default "local" of the playground's pilot cities. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** `UTC+8`, `UTC+5:30`, `UTC-3`, `UTC` for a zone `minutes` east of UTC. */
export function zoneName(minutes: number): string {
	if (minutes === 0) return 'UTC';
	const sign = minutes < 0 ? '-' : '+';
	const a = Math.abs(minutes);
	return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? `:${pad2(a % 60)}` : ''}`;
}

/** How much of a clock time to show: up to the minute, the second, the tenth or the millisecond. */
type Precision = 'minute' | 'second' | 'tenth' | 'ms';

/** `2026-11-26 08:00`, `… 08:00:12`, `… 08:00:12.3`, `… 08:00:12.345` for epoch ms `t` shifted by `offsetMin`. */
export function clockText(t: number, offsetMin: number, precision: Precision): string {
	const d = new Date(t + offsetMin * MINUTE);
	const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
	let time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
	if (precision !== 'minute') time += `:${pad2(d.getUTCSeconds())}`;
	if (precision === 'tenth') time += `.${Math.floor(d.getUTCMilliseconds() / 100)}`;
	if (precision === 'ms') time += `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
	return `${date} ${time}`;
}

/** An instant in UTC and local time: `2026-11-26 08:00 UTC, 2026-11-26 16:00 UTC+8 local` (and the Chinese). */
export function instantMeaning(t: number, ctx: MeaningContext, precision: Precision): Meaning {
	const off = ctx.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
	const utc = clockText(t, 0, precision);
	const local = clockText(t, off, precision);
	const zone = zoneName(off);
	return { en: `${utc} UTC, ${local} ${zone} local`, zh: `${utc} UTC，当地时间 ${local} (${zone})` };
}

function isLeap(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The year a MinuteOfTheYear counts in: `ctx.year`, else the UTC year of `ctx.referenceMs`, else of now. */
export function assumedYear(ctx: MeaningContext): number {
	return ctx.year ?? new Date(ctx.referenceMs ?? Date.now()).getUTCFullYear();
}

/**
 * MinuteOfTheYear (0..527040, minutes since 1 January 00:00 UTC; 527040 = unavailable) as a date
 * and time in UTC and local time, stating the year assumed (`ctx.year`, see `assumedYear`).
 * A minute past the end of a non-leap year (525600..527039) is said as such.
 */
export function minuteOfYearMeaning(moy: number, ctx: MeaningContext): Meaning {
	if (moy === 527040) return UNAVAILABLE;
	const year = assumedYear(ctx);
	const minutes = (isLeap(year) ? 366 : 365) * 1440;
	if (moy >= minutes) {
		return { en: `past the end of ${year} (${minutes} minutes in that year)`, zh: `超出 ${year} 年（该年共 ${minutes} 分钟）` };
	}
	const t = Date.UTC(year, 0, 1) + moy * MINUTE;
	const at = instantMeaning(t, ctx, 'minute');
	return { en: `${at.en} (assuming ${year})`, zh: `${at.zh}（按 ${year} 年）` };
}

/**
 * DSecond (ms within the UTC minute, 0..59999; 60000..60999 a leap second as J2735 allows;
 * 65535 = unavailable). With `ctx.minuteStartMs` (the minute it counts in) it is also said as an
 * instant in UTC and local time.
 */
export function dSecondMeaning(ms: number, ctx: MeaningContext): Meaning {
	if (ms === 65535) return UNAVAILABLE;
	if (ms >= 61000) return { en: `not used (${ms} ms is beyond a minute)`, zh: `未使用的取值（${ms} 毫秒超出一分钟）` };
	const s = (ms / 1000).toFixed(3);
	const base: Meaning = ms >= 60000
		? { en: `second ${s} of the minute (leap second)`, zh: `该分钟第 ${s} 秒（闰秒）` }
		: { en: `second ${s} of the minute`, zh: `该分钟第 ${s} 秒` };
	if (ctx.minuteStartMs === undefined || ms >= 60000) return base;
	const at = instantMeaning(ctx.minuteStartMs + ms, ctx, 'ms');
	return { en: `${base.en}: ${at.en}`, zh: `${base.zh}：${at.zh}` };
}

function durationText(tenths: number): Meaning {
	const s = tenths / 10;
	if (s < 60) return { en: `${s.toFixed(1)} s`, zh: `${s.toFixed(1)} 秒` };
	const m = Math.floor(s / 60);
	const rest = (s - m * 60).toFixed(1).padStart(4, '0');
	return { en: `${m} min ${rest} s`, zh: `${m} 分 ${rest} 秒` };
}

/** Whether a TimeMark is a time within the hour (UtcTiming) or a count-down (TimeCountingDown). */
function timeMarkKind(ctx: MeaningContext): 'hourTime' | 'duration' {
	return ctx.timeMark ?? (/utc/i.test(ctx.path ?? '') ? 'hourTime' : 'duration');
}

/**
 * TimeMark (0..36001 tenths of a second, T/CSAE 53-2020: within the current or next UTC hour, or
 * a count-down of at most an hour; 36000 = more than an hour, 36001 = unavailable). As a
 * count-down: `12.3 s`; as a time of the hour: `mm:ss.t past the hour`, and with
 * `ctx.referenceMs` the instant in UTC and local time (the next hour when the mark lies more
 * than half an hour before the reference).
 */
export function timeMarkMeaning(tenths: number, ctx: MeaningContext): Meaning {
	if (tenths === 36001) return UNAVAILABLE;
	if (tenths === 36000) return { en: 'more than an hour', zh: '超过一小时' };
	if (timeMarkKind(ctx) === 'duration') return durationText(tenths);
	const mm = pad2(Math.floor(tenths / 600));
	const ss = pad2(Math.floor((tenths % 600) / 10));
	const past: Meaning = { en: `${mm}:${ss}.${tenths % 10} past the hour (UTC)`, zh: `整点后 ${mm}:${ss}.${tenths % 10}（UTC）` };
	if (ctx.referenceMs === undefined) return past;
	let t = Math.floor(ctx.referenceMs / HOUR) * HOUR + tenths * 100;
	if (t + HOUR / 2 < ctx.referenceMs) t += HOUR;
	const at = instantMeaning(t, ctx, 'tenth');
	return { en: `${past.en}: ${at.en}`, zh: `${past.zh}：${at.zh}` };
}

/** Milliseconds since the Unix epoch (TimestampMs; 0 = unavailable) in UTC and local time. */
export function epochMsMeaning(ms: number, ctx: MeaningContext): Meaning {
	return ms === 0 ? UNAVAILABLE : instantMeaning(ms, ctx, 'ms');
}
