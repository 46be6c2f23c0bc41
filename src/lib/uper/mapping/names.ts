// The table-driven part of the mapping: where the ASN.1 names (T/CSAE 53 / 157 module sets) and
// the protobuf model's names differ. Everything not listed here maps by equal names (case and
// `_` ignored), so the four profiles share the walk and only the differences are written down.

/**
 * ASN.1 component or alternative identifier -> model property, per model message
 * (`'*'`: in every message). A key `component:TypeName` applies only where the component has
 * that ASN.1 type (names whose meaning changed between revisions). A list gives candidates in
 * order: the first whose name no sibling component carries itself.
 */
export const FIELD_ALIASES: Record<string, Record<string, string | string[]>> = {
	'*': { long: 'lon' },
	// the ASN.1 spells it brakePadel (T/CSAE 53-2020 BrakeSystemStatus)
	BrakeSystemStatus: { brakePadel: 'brakePedal' },
	// MapData.timeStamp is a MinuteOfTheYear: the model calls it moy, as SPAT and RSI do
	MapData: { timeStamp: 'moy' },
	// T/CSAE 53-2017 calls the PositionConfidenceSet of BSM and RSM participants `accuracy`
	BasicSafetyMessage: { 'accuracy:PositionConfidenceSet': 'posConfidence' },
	ParticipantData: { 'accuracy:PositionConfidenceSet': 'posConfidence' },
	// T/CSAE 53-2017 RSI.timeStamp is a MinuteOfTheYear
	RoadSideInformation: { timeStamp: 'moy' },
	// T/CSAE 157-2020 names AttitudeConfidence's members pitchConfidence, rollRateConfidence and
	// yawRate, all three angle confidences (proto/cv2x/v1/ssm.proto)
	AttitudeConfidence: { rollRateConfidence: 'rollConfidence', yawRate: 'yawConfidence' },
	// Link.linkWidth is a LaneWidth
	Link: { linkWidth: 'laneWidth' },
	// FullPositionVector: in T/CSAE 53-2020 final posAccuracy is a PositionConfidenceSet (the
	// model's pos_confidence); the 2019 draft has posAccuracy PositionalAccuracy (the model's
	// pos_accuracy) and the confidence as `posConficence` (sic); T/CSAE 53-2017 has both
	// posAccuracy and posConfidence as PositionConfidenceSets (the first is pos_accuracy_set)
	// T/CSAE 157-2020 phase 2: PAMData.timeStamp is a MinuteOfTheYear (moy, as MAP); the model
	// spells correctly what the ASN.1 misspells (twowaySepration, initialzation-, Numer, Heigth);
	// SysInfo.reserved is reserved_octets (`reserved` is a protobuf keyword)
	PamData: { timeStamp: 'moy' },
	PamDrive: { twowaySepration: 'twoWaySeparation' },
	VehiclePaymentMessage: { 'initialzation-request': 'initializationRequest', 'initialzation-response': 'initializationResponse' },
	SysInfo: { contractSerialNumer: 'contractSerialNumber', reserved: 'reservedOctets' },
	PaymentVehicleDimensions: { vehicleHeigth: 'vehicleHeight' },
	FullPositionVector: { 'posAccuracy:PositionConfidenceSet': ['posConfidence', 'posAccuracySet'], posConficence: 'posConfidence' }
};

/** MessageFrame CHOICE alternatives of phase 1 (X.680 29) -> the model's payload field name. */
export const FRAME_ALTERNATIVES: Record<string, string> = {
	bsmFrame: 'bsm',
	mapFrame: 'map_data',
	spatFrame: 'spat',
	rsiFrame: 'rsi',
	rsmFrame: 'rsm'
};

/**
 * T/CSAE 157-2020 `msgFrameExt`: the open type's key (`messageId`, ExtMsgID) -> the model's
 * payload field. A key missing here (none of the standard's today) gives a notice.
 */
export const EXT_MESSAGES: Record<number, string> = {
	0: 'test_msg',
	10: 'rtcm',
	11: 'rsc',
	12: 'ssm',
	13: 'vir',
	14: 'pam',
	15: 'psm',
	16: 'clpmm',
	17: 'vpm'
};

/** The `msgFrameExt` alternative and its components (T/CSAE 157-2020 MessageFrameExt). */
export const EXT_ALTERNATIVE = 'msgFrameExt';
