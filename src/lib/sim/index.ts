// The simulation engine: pure TypeScript, no DOM; runs in Node (tests, CLI) and in a Worker.
export { createWorld, World, KIND_CODES, type SimEvent, type Alert, type Transmission, type Snapshot, type ReceiverApp, type Rsu, type Channel } from './world';
export { resolveConfig, DEFAULT_CONFIG, type SimConfig, type SimConfigInput, type RadioConfig } from './config';
export { cityIds, loadCity } from './roads/cities';
export { checkCityFile, RoadDataError } from './roads/load';
export { straightRoad, gridCity } from './roads/synthetic';
export type { CityFile, NodeDef, LinkDef, RsuDef, SignalPlan, PhaseDef, Bilingual } from './roads/types';
export { Network, type Edge, type NetNode } from './network';
export { SignalController, type Light } from './signals';
export { pc5Pdr } from './radio';
export type { RoadEvent, RoadEventKind } from './messages';
export type { VehicleKind } from './vehicles';
export type { Vehicle, VehiclePlacement } from './traffic';
export { StreamDigest } from './digest';
