// BasicVehicleClass (T/CSAE 53-2020 DE_BasicVehicleClass = SAE J2735 BasicVehicleClass): the
// named values of the VehClass module (../shared/asn1/*/VehClass.asn; a test checks that every
// value named there is here), described in our own words. The table is grouped by tens (10
// passenger cars, 20 light trucks, 25..35 trucks, 40 motorcycles, 50 transit, 60 emergency,
// 80 other travellers, 90 infrastructure), so an unnamed value still gets its group.
import type { Meaning } from './types';

const CLASSES: Readonly<Record<number, readonly [string, string]>> = {
	0: ['unknown or unavailable', '未知或不可用'],
	1: ['special use', '特种用途'],
	10: ['passenger vehicle, type unknown', '乘用车（类型未知）'],
	11: ['passenger vehicle, other type', '乘用车（其他类型）'],
	20: ['light truck, type unknown', '轻型货车（类型未知）'],
	21: ['light truck, other type', '轻型货车（其他类型）'],
	25: ['truck, type unknown', '货车（类型未知）'],
	26: ['truck, other type', '货车（其他类型）'],
	27: ['truck, two axles, six tyres, single unit', '两轴六轮单体货车'],
	28: ['truck, three axles, single unit', '三轴单体货车'],
	29: ['truck, four or more axles, single unit', '四轴及以上单体货车'],
	30: ['truck, up to four axles, one trailer', '四轴及以下单挂车货车'],
	31: ['truck, up to five axles, one trailer', '五轴及以下单挂车货车'],
	32: ['truck, six or more axles, one trailer', '六轴及以上单挂车货车'],
	33: ['truck, up to five axles, several trailers', '五轴及以下多挂车货车'],
	34: ['truck, six axles, several trailers', '六轴多挂车货车'],
	35: ['truck, seven or more axles, several trailers', '七轴及以上多挂车货车'],
	40: ['motorcycle, type unknown', '摩托车（类型未知）'],
	41: ['motorcycle, other type', '摩托车（其他类型）'],
	42: ['motorcycle, cruiser or standard', '巡航/标准摩托车'],
	43: ['motorcycle, unclad sport', '街车型运动摩托车'],
	44: ['motorcycle, sport touring', '运动旅行摩托车'],
	45: ['motorcycle, super sport', '超级运动摩托车'],
	46: ['motorcycle, touring', '旅行摩托车'],
	47: ['motorcycle, trike', '三轮摩托车'],
	48: ['motorcycle with passengers', '载客摩托车'],
	50: ['transit, type unknown', '公共交通（类型未知）'],
	51: ['transit, other type', '公共交通（其他类型）'],
	52: ['bus rapid transit', '快速公交（BRT）'],
	53: ['express bus', '快速客车'],
	54: ['local bus', '普通公交车'],
	55: ['school bus', '校车'],
	56: ['fixed-guideway transit', '固定导轨公共交通'],
	57: ['paratransit', '辅助公共交通'],
	58: ['paratransit ambulance', '辅助公共交通救护车'],
	60: ['emergency vehicle, type unknown', '应急车辆（类型未知）'],
	61: ['emergency vehicle, other type', '应急车辆（其他类型）'],
	62: ['fire engine, light', '轻型消防车'],
	63: ['fire engine, heavy', '重型消防车'],
	64: ['fire service paramedic vehicle', '消防急救车'],
	65: ['fire service ambulance', '消防救护车'],
	66: ['police vehicle, light', '轻型警车'],
	67: ['police vehicle, heavy', '重型警车'],
	68: ['other responder', '其他应急响应车辆'],
	69: ['other ambulance', '其他救护车'],
	80: ['other traveller, type unknown', '其他出行者（类型未知）'],
	81: ['other traveller, other type', '其他出行者（其他类型）'],
	82: ['pedestrian', '行人'],
	83: ['visually disabled person', '视障人士'],
	84: ['physically disabled person', '肢体障碍人士'],
	85: ['bicycle', '自行车'],
	86: ['road worker', '道路作业人员'],
	90: ['infrastructure, type unknown', '基础设施（类型未知）'],
	91: ['fixed infrastructure', '固定基础设施'],
	92: ['movable infrastructure', '可移动基础设施'],
	93: ['equipped cargo trailer', '装有设备的货运挂车']
};

const GROUPS: readonly (readonly [number, number, string, string])[] = [
	[2, 9, 'special or reserved', '特种/保留'],
	[10, 19, 'passenger vehicle', '乘用车'],
	[20, 24, 'light truck', '轻型货车'],
	[25, 39, 'truck', '货车'],
	[40, 49, 'motorcycle', '摩托车'],
	[50, 59, 'transit', '公共交通'],
	[60, 79, 'emergency vehicle', '应急车辆'],
	[80, 89, 'other traveller', '其他出行者'],
	[90, 99, 'infrastructure or equipped device', '基础设施/设备']
];

/** The BasicVehicleClass codes this table names (for tests and the reference). */
export function vehicleClassCodes(): number[] {
	return Object.keys(CLASSES).map(Number);
}

/**
 * The meaning of a BasicVehicleClass code (0..255): its description and the code
 * (`10` -> `passenger vehicle, type unknown (10)`); an unnamed code in a group gets the group
 * (`"passenger vehicle, unnamed code 15"`), any other `unnamed class <n>`.
 */
export function vehicleClassMeaning(code: number): Meaning {
	const named = CLASSES[code];
	if (named) return { en: `${named[0]} (${code})`, zh: `${named[1]} (${code})` };
	const g = GROUPS.find(([lo, hi]) => code >= lo && code <= hi);
	if (g) return { en: `${g[2]}, unnamed code ${code}`, zh: `${g[3]}，未命名代码 ${code}` };
	return { en: `unnamed class ${code}`, zh: `未命名车辆类别 ${code}` };
}
