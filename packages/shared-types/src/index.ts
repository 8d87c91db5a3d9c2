export * from './common.js';
export * from './errors.js';
export * from './identity.js';
export * from './rules/mask-phone.js';
export * from './notices.js';
export * from './notifications.js';
export * from './rules/minutes-to-hours.js';
export * from './timebank.js';
