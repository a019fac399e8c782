export * from './runtime.ts';
export * from './schemas/common.ts';
export * from './schemas/identity.ts';
export * from './schemas/networks.ts';
export * from './schemas/rapid-response.ts';
export * from './schemas/training.ts';
export * from './schemas/shifts.ts';
export * from './schemas/map.ts';
