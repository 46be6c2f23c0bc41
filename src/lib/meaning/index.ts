// Meanings of values, from the schema, in English and Chinese (issue 12, point 1): enumeration
// names with their numbers, named bits, vehicle classes, RSI event and sign types, times in UTC
// and local time, printable ids, offsets as metres and absolute positions, "unavailable".
// Public API of src/lib/meaning; the dispatcher is core.ts (`meaningOf`), the inspector rows'
// entry points are wiring.ts (`protoRowMeaning`, `uperFieldMeaning`).
export { meaningOf, meaningOfHexBytes, namesOfAsn, namesOfProtoEnum, isUnavailable, elementNamed, type AsnLike } from './core';
export type { BitsValue, LatLon, Meaning, MeaningContext, MeaningValue, NamedNumber, SchemaNames } from './types';
export { offsetPositionMeaning, positionOffsetValueMeaning, latitudeText, longitudeText } from './position';
export { MessageContext } from './context';
export { printableMeaning, octetsFromHex } from './ids';
export { DEFAULT_UTC_OFFSET_MINUTES, assumedYear, zoneName } from './time';
export { namedBitsOf, bitElements } from './bit-names';
export { vehicleClassCodes } from './vehicle-class';
export { eventTypeCodes, signTypeCodes } from './road-codes';
export { protoRowMeaning, uperFieldMeaning } from './wiring';
