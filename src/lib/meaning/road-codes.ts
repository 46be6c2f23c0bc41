// Code tables of the RSI message: RTE eventType (GB/T 29100-2012 traffic event codes) and RTS
// signType / 2017 alertType (GB 5768.2 sign codes), with English and Chinese names.
import type { Meaning } from './types';

/**
 * GB/T 29100-2012 "Road traffic information service — Traffic incident classification and
 * coding", as T/CSAE 53 RTEData.eventType uses it: a three-digit code whose first digit is the
 * class. Sources (no public copy of the standard's full code table was at hand): codes the
 * project itself relies on (sim/messages.ts EVENT_CODES, the samples: 101, 401, 707) and a public
 * RSU application header listing GB/T 29100-2012 codes with their Chinese names (gb_defines.h,
 * "Copyright 2021 Cidi.chen": 407, 408, 707). The class names are ours, summarising the codes
 * known in each class. Any other code is said as a GB/T 29100 code not in our table (with its
 * class where known), never guessed.
 */
const EVENTS: Readonly<Record<number, readonly [string, string]>> = {
	101: ['traffic accident', '交通事故'],
	401: ['road works', '道路施工'],
	407: ['standing water on the road', '道路积水'],
	408: ['slippery road', '道路湿滑'],
	707: ['traffic congestion', '交通拥堵']
};

const EVENT_CLASSES: Readonly<Record<number, readonly [string, string]>> = {
	1: ['traffic accidents', '交通事故类'],
	4: ['road conditions', '道路状况类'],
	7: ['traffic conditions', '交通状况类']
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
 * GB 5768.2-2009 signs as T/CSAE 53 signType (and the 2017 alertType) numbers them: 0 is a text
 * message; the warning signs 1..38 follow the order of the standard's clauses on warning signs
 * (sign n = clause 4.(n+1)), and numbering continues through the later chapters. Sources: the
 * ASN.1 comments of the CSAE module sets (../shared/asn1/*\/RSI.asn: 0 text message, 2 sharp turn,
 * 15 rockfall, 17 slippery, 21 tunnel, 37 danger, 38 under construction) and a public RSU
 * application header (gb_defines.h, "Copyright 2021 Cidi.chen": 2, 5, 17, 26, 27, 34, 38, 53, 76,
 * 78, 81, 82, 85, 114, 163, 242 with their Chinese names); the warning signs between those
 * anchors follow the standard's clause order, which matches every anchor.
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
	22: ['ferry', '渡口'],
	23: ['hump bridge', '驼峰桥'],
	24: ['uneven road', '路面不平'],
	25: ['road hump', '路面高突'],
	26: ['dip in the road', '路面低洼'],
	27: ['ford or flooded road', '过水路面'],
	28: ['railway crossing with gates', '有人看守铁路道口'],
	29: ['railway crossing without gates', '无人看守铁路道口'],
	30: ['railway crossing cross', '叉形符号'],
	31: ['railway crossing distance marker', '斜杠符号'],
	32: ['watch for non-motor vehicles', '注意非机动车'],
	33: ['watch for disabled people', '注意残疾人'],
	34: ['accident black spot', '事故易发路段'],
	35: ['slow down', '慢行'],
	36: ['obstacle, pass either side', '注意障碍物（左右绕行）'],
	37: ['danger', '注意危险'],
	38: ['road works', '施工'],
	53: ['no entry for motor vehicles', '禁止机动车驶入'],
	76: ['no overtaking', '禁止超车'],
	78: ['no stopping', '禁止停车'],
	81: ['width limit', '限制宽度'],
	82: ['height limit', '限制高度'],
	85: ['speed limit', '限制速度'],
	114: ['pedestrian crossing', '人行横道'],
	163: ['lane narrows', '车道变窄'],
	242: ['school ahead', '前方学校']
};

/** The signType codes the table names (for tests). */
export function signTypeCodes(): number[] {
	return Object.keys(SIGNS).map(Number);
}

/** The meaning of an RTS signType / RSI alertType: `road works sign (38)`, else the code as not in our table. */
export function signTypeMeaning(code: number): Meaning {
	const named = SIGNS[code];
	if (named) {
		if (code === 0) return { en: `text message (0)`, zh: `文字提示 (0)` };
		return { en: `${named[0]} sign (${code})`, zh: `${named[1]}标志 (${code})` };
	}
	return { en: `GB 5768.2 sign code ${code} (not in our table)`, zh: `GB 5768.2 标志代码 ${code}（未收录）` };
}
