// Named bits of the BIT STRING data elements, with Chinese names in our own words.
// The identifiers are those of the CSAE ASN.1 module sets (the built-in UPER profiles; a test
// checks every profile's named bits against this table, so it cannot drift). The protobuf model
// carries these BIT STRINGs as integer masks (bit n = 1 << n, uper/mapping/scalars.ts), so it
// needs the names from here. One entry per bit, in bit order: `identifier=中文`; where profiles
// name a bit differently, the identifiers are separated by `|` (the first is the newest).
const TABLE: Readonly<Record<string, readonly string[]>> = {
	BrakeAppliedStatus: ['unavailable=不可用', 'leftFront=左前轮制动', 'leftRear=左后轮制动', 'rightFront=右前轮制动', 'rightRear=右后轮制动'],
	VehicleEventFlags: [
		'eventHazardLights=危险报警灯', 'eventStopLineViolation=越过停止线', 'eventABSactivated=ABS 触发', 'eventTractionControlLoss=牵引力控制失效',
		'eventStabilityControlactivated=稳定性控制触发', 'eventHazardousMaterials=载有危险品', 'eventReserved1=保留', 'eventHardBraking=急刹车',
		'eventLightsChanged=车灯变化', 'eventWipersChanged=雨刷变化', 'eventFlatTire=爆胎', 'eventDisabledVehicle=车辆故障', 'eventAirBagDeployment=安全气囊弹出'
	],
	ExteriorLights: [
		'lowBeamHeadlightsOn=近光灯', 'highBeamHeadlightsOn=远光灯', 'leftTurnSignalOn=左转向灯', 'rightTurnSignalOn=右转向灯', 'hazardSignalOn=危险报警灯',
		'automaticLightControlOn=自动灯光控制', 'daytimeRunningLightsOn=日间行车灯', 'fogLightOn=雾灯', 'parkingLightsOn=驻车灯'
	],
	GNSSstatus: [
		'unavailable=不可用', 'isHealthy=状态正常', 'isMonitored=受监测', 'baseStationType=基站型', 'aPDOPofUnder5=PDOP 小于 5',
		'inViewOfUnder5=可见卫星少于 5 颗', 'localCorrectionsPresent=有本地差分改正', 'networkCorrectionsPresent=有网络差分改正'
	],
	AllowedManeuvers: [
		'maneuverStraightAllowed=允许直行', 'maneuverLeftAllowed=允许左转', 'maneuverRightAllowed=允许右转', 'maneuverUTurnAllowed=允许掉头',
		'maneuverLeftTurnOnRedAllowed=允许红灯左转', 'maneuverRightTurnOnRedAllowed=允许红灯右转', 'maneuverLaneChangeAllowed=允许变道',
		'maneuverNoStoppingAllowed=禁止停车', 'yieldAllwaysRequired=必须让行', 'goWithHalt=停车后通行', 'caution=注意', 'reserved1=保留'
	],
	LaneSharing: [
		'overlappingLaneDescriptionProvided=有重叠车道描述', 'multipleLanesTreatedAsOneLane=多车道视为一条', 'otherNonMotorizedTrafficTypes=其他非机动交通',
		'individualMotorizedVehicleTraffic=私人机动车', 'busVehicleTraffic=公交车', 'taxiVehicleTraffic=出租车', 'pedestriansTraffic=行人',
		'cyclistVehicleTraffic=自行车', 'trackedVehicleTraffic=轨道车辆', 'pedestrianTraffic=行人'
	],
	LaneAttributes_Vehicle: [
		'isVehicleRevocableLane=可变车道', 'isVehicleFlyOverLane|isRampLane=高架车道/匝道', 'hovLaneUseOnly=多乘员专用车道', 'restrictedToBusUse=公交专用',
		'restrictedToTaxiUse=出租车专用', 'restrictedFromPublicUse=禁止公众使用', 'hasIRbeaconCoverage|emergencyLane=红外信标覆盖/应急车道', 'permissionOnRequest=申请后可用'
	],
	LaneAttributes_Crosswalk: [
		'crosswalkRevocableLane=可变人行横道', 'bicyleUseAllowed=允许自行车', 'isXwalkFlyOverLane=人行天桥', 'fixedCycleTime=固定周期',
		'biDirectionalCycleTimes=双向周期', 'hasPushToWalkButton=有行人按钮', 'audioSupport=有语音提示', 'rfSignalRequestPresent=有无线信号请求',
		'unsignalizedSegmentsPresent=含无信号控制路段'
	],
	LaneAttributes_Bike: [
		'bikeRevocableLane=可变自行车道', 'pedestrianUseAllowed=允许行人', 'isBikeFlyOverLane=自行车高架道', 'fixedCycleTime=固定周期',
		'biDirectionalCycleTimes=双向周期', 'isolatedByBarrier=有隔离设施', 'unsignalizedSegmentsPresent=含无信号控制路段'
	],
	LaneAttributes_Sidewalk: ['sidewalk-RevocableLane=可变人行道', 'bicyleUseAllowed=允许自行车', 'isSidewalkFlyOverLane=人行天桥', 'walkBikes=推行自行车'],
	LaneAttributes_Barrier: [
		'median-RevocableLane=可变中央隔离', 'median=中央隔离带', 'whiteLineHashing=白色斜纹线', 'stripedLines=条纹线', 'doubleStripedLines=双条纹线',
		'trafficCones=锥桶', 'constructionBarrier=施工隔离', 'trafficChannels=渠化设施', 'lowCurbs=低路缘石', 'highCurbs=高路缘石'
	],
	LaneAttributes_Striping: [
		'stripeToConnectingLanesRevocableLane=可变导向标线', 'stripeDrawOnLeft=左侧标线', 'stripeDrawOnRight=右侧标线', 'stripeToConnectingLanesLeft=导向左侧车道',
		'stripeToConnectingLanesRight=导向右侧车道', 'stripeToConnectingLanesAhead=导向前方车道'
	],
	LaneAttributes_TrackedVehicle: [
		'spec-RevocableLane=可变轨道', 'spec-commuterRailRoadTrack=市郊铁路', 'spec-lightRailRoadTrack=轻轨', 'spec-heavyRailRoadTrack=重轨', 'spec-otherRailType=其他轨道'
	],
	LaneAttributes_Parking: [
		'parkingRevocableLane=可变停车道', 'parallelParkingInUse=平行停车', 'headInParkingInUse=垂直停车', 'doNotParkZone=禁停区',
		'parkingForBusUse=公交停车', 'parkingForTaxiUse=出租车停车', 'noPublicParkingUse=非公共停车'
	],
	IntersectionStatusObject: [
		'manualControlIsEnabled=手动控制', 'stopTimeIsActivated=停止计时', 'failureFlash=故障闪烁', 'preemptIsActive=优先抢占中', 'signalPriorityIsActive=信号优先中',
		'fixedTimeOperation=定时控制', 'trafficDependentOperation=感应控制', 'standbyOperation=待机', 'failureMode=故障模式', 'off=关闭',
		'recentMAPmessageUpdate=MAP 近期更新', 'recentChangeInMAPassignedLanesIDsUsed=MAP 车道编号近期变更', 'noValidMAPisAvailableAtThisTime=暂无有效 MAP',
		'noValidSPATisAvailableAtThisTime=暂无有效 SPAT'
	],
	ReferenceLanes: [
		'reserved=保留', 'lane1=车道 1', 'lane2=车道 2', 'lane3=车道 3', 'lane4=车道 4', 'lane5=车道 5', 'lane6=车道 6', 'lane7=车道 7', 'lane8=车道 8',
		'lane9=车道 9', 'lane10=车道 10', 'lane11=车道 11', 'lane12=车道 12', 'lane13=车道 13', 'lane14=车道 14', 'lane15=车道 15'
	],
	PAMNodeAttributes: ['entrance=入口', 'exit=出口', 'toUpstair=通往上层', 'toDownstair=通往下层', 'etc=ETC 通道', 'mtc=人工收费通道', 'passAfterPayment=缴费后通行', 'blocked=封闭'],
	ParkingType: [
		'unknown=未知', 'ordinary=普通车位', 'disabled=无障碍车位', 'mini=小型车位', 'attached=子母车位', 'charging=充电车位', 'stereo=立体车位',
		'lady=女士车位', 'extended=加长车位', 'private=私人车位'
	],
	PersonalDeviceUsageState: [
		'unavailable=不可用', 'other=其他', 'idle=空闲', 'listeningToAudio=听音频', 'typing=打字', 'calling=通话', 'playingGames=玩游戏', 'reading=阅读', 'viewing=观看'
	],
	PersonalAssistive: ['unavailable=不可用', 'otherType=其他', 'vision=视力辅助', 'hearing=听力辅助', 'movement=行动辅助', 'cognition=认知辅助'],
	RoadWorkerActivityType: [
		'unavailable=不可用', 'workingOnRoad=路上作业', 'settingUpClosures=设置封闭', 'respondingToEvents=处置事件', 'directingTraffic=指挥交通', 'otherActivities=其他作业'
	],
	CoordinationInfo: [
		'cooperativeLaneChanging=协同变道', 'cooperativeVehMerging=协同汇入', 'laneChangingAtIntersection=路口变道', 'no-signalIntersectionPassing=无信号路口通行',
		'dynamicLaneManagement=动态车道管理', 'laneReservation=车道预留', 'laneRestriction=车道限制', 'signalPriority=信号优先'
	],
	AuxiliarySignVehicleType: ['restrictedFromBus=限制客车', 'vehicle=机动车', 'truck=货车', 'tractor=拖拉机', 'private=私家车'],
	DriveBehavior: [
		'goStraightForward=直行', 'laneChangingToLeft=向左变道', 'laneChangingToRight=向右变道', 'rampIn=驶入匝道', 'rampOut=驶出匝道',
		'intersectionStraightThrough=路口直行', 'intersectionTurnLeft=路口左转', 'intersectionTurnRight=路口右转', 'intersectionUTurn=路口掉头',
		'stop-and-go=走走停停', 'stop=停车', 'slow-down=减速', 'speed-up=加速', 'parking=泊车'
	],
	ParkingRequest: [
		'enter=进入', 'exit=离开', 'park=停车', 'pay=缴费', 'unloadPassenger=下客', 'pickupPassenger=上客', 'unloadCargo=卸货', 'loadCargo=装货',
		'reserved1=保留', 'reverved2=保留', 'reserved3=保留', 'reverved4=保留'
	]
};

/** One named bit: its bit number, its identifiers (newest first) and its Chinese name. */
export interface NamedBit {
	bit: number;
	names: string[];
	zh: string;
}

const parsed = new Map<string, NamedBit[]>();
for (const [element, entries] of Object.entries(TABLE)) {
	parsed.set(
		element,
		entries.map((e, bit) => {
			const [names, zh] = e.split('=');
			return { bit, names: names.split('|'), zh };
		})
	);
}

/** The named bits of a BIT STRING data element (`OffsetLL-B24` style names accepted), or undefined. */
export function namedBitsOf(element: string): readonly NamedBit[] | undefined {
	return parsed.get(element.replace(/-/g, '_'));
}

/** Every data element this table names bits for. */
export function bitElements(): string[] {
	return [...parsed.keys()];
}
