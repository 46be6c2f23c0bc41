// Code tables of the RSI message: RTE eventType (GB/T 29100-2012 traffic event codes) and RTS
// signType / 2017 alertType (GB 5768.2 sign codes), with English and Chinese names.
import type { Meaning } from './types';

/**
 * GB/T 29100-2012 "Road traffic information service — Traffic incident classification and
 * coding", as T/CSAE 53 RTEData.eventType uses it: a three-digit code whose first digit is the
 * class. Source: no public copy of the standard's code table was at hand, so this table holds only
 * codes whose meaning the project itself relies on (sim/messages.ts EVENT_CODES and the samples:
 * 101 traffic accident, 401 road works, 707 congestion) and the classes those codes establish.
 * Any other code is said as a GB/T 29100 code not in our table (with its class where known),
 * never guessed.
 */
const EVENTS: Readonly<Record<number, readonly [string, string]>> = {
	101: ['traffic accident', '交通事故'],
	401: ['road works', '道路施工'],
	707: ['traffic congestion', '交通拥堵']
};

const EVENT_CLASSES: Readonly<Record<number, readonly [string, string]>> = {
	1: ['traffic accidents', '交通事故类'],
	4: ['road works', '道路施工类']
};

/** The eventType codes the table names (for tests). */
export function eventTypeCodes(): number[] {
	return Object.keys(EVENTS).map(Number);
}

/** The meaning of an RTE eventType: `road works (401)`, else the code with its class if known. */
export function eventTypeMeaning(code: number): Meaning {
	const named = EVENTS[code];
	if (named) return { en: `${named[0]} (${code})`, zh: `${named[1]} (${code})` };
	const cls = code >= 100 && code <= 999 ? EVENT_CLASSES[Math.floor(code / 100)] : undefined;
	if (cls) return { en: `GB/T 29100 code ${code}, class ${Math.floor(code / 100)}xx: ${cls[0]}`, zh: `GB/T 29100 代码 ${code}，${Math.floor(code / 100)}xx：${cls[1]}` };
	return { en: `GB/T 29100 code ${code} (not in our table)`, zh: `GB/T 29100 代码 ${code}（未收录）` };
}

/**
 * GB 5768.2-2009 warning signs as T/CSAE 53 signType (and the 2017 alertType) numbers them:
 * 0 is a text message, and sign n is the sign of clause 4.(n+1) of GB 5768.2-2009 (clause 4.1 is
 * general). Confirmed by the ASN.1 comments of the CSAE module sets (../shared/asn1/*\/RSI.asn:
 * 0 text message, 2 sharp turn, 15 rockfall, 17 slippery, 21 tunnel, 37 danger, 38 under
 * construction); the codes between those anchors follow the clause order of the standard, where
 * the count of clauses between two anchors matches (1..21). Codes 22..36 are left unnamed: our
 * reading of the clause order there is off by one, so they are said as "warning sign, clause 4.n".
 */
const SIGNS: Readonly<Record<number, readonly [string, string]>> = {
	0: ['text message', '文字提示'],
	1: ['intersection', '交叉路口'],
	2: ['sharp turn', '急弯路'],
	3: ['reverse bend', '反向弯路'],
	4: ['winding road', '连续弯路'],
	5: ['steep slope', '陡坡'],
	6: ['long descent', '连续下坡'],
	7: ['narrow road', '窄路'],
	8: ['narrow bridge', '窄桥'],
	9: ['two-way traffic', '双向交通'],
	10: ['watch for pedestrians', '注意行人'],
	11: ['watch for children', '注意儿童'],
	12: ['watch for livestock', '注意牲畜'],
	13: ['watch for wild animals', '注意野生动物'],
	14: ['watch for signals', '注意信号灯'],
	15: ['falling rocks', '注意落石'],
	16: ['crosswind', '注意横风'],
	17: ['slippery road', '易滑'],
	18: ['mountain road with drop', '傍山险路'],
	19: ['embankment road', '堤坝路'],
	20: ['village', '村庄'],
	21: ['tunnel', '隧道'],
	37: ['danger', '注意危险'],
	38: ['road works', '施工']
};

/** The signType codes the table names (for tests). */
export function signTypeCodes(): number[] {
	return Object.keys(SIGNS).map(Number);
}

/** The meaning of an RTS signType / RSI alertType: `road works sign (38)`, else the clause it points to. */
export function signTypeMeaning(code: number): Meaning {
	const named = SIGNS[code];
	if (named) {
		if (code === 0) return { en: `text message (0)`, zh: `文字提示 (0)` };
		return { en: `${named[0]} sign (${code})`, zh: `${named[1]}标志 (${code})` };
	}
	if (code >= 22 && code <= 48) return { en: `warning sign ${code} (GB 5768.2-2009 clause 4.${code + 1})`, zh: `警告标志 ${code}（GB 5768.2-2009 第 4.${code + 1} 条）` };
	return { en: `GB 5768.2 sign code ${code} (not in our table)`, zh: `GB 5768.2 标志代码 ${code}（未收录）` };
}
