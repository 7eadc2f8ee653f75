export * from './checkins.js';
export * from './deliveries.js';
export * from './groups.js';
export * from './members.js';
export * from './phase-reviews.js';
export * from './reflections.js';
export * from './streaks.js';
