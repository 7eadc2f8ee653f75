export * from './members.js';
export * from './groups.js';
export * from './checkins.js';
export * from './deliveries.js';
