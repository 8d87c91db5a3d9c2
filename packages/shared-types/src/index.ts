export * from './common.js';
export * from './errors.js';
export * from './identity.js';
export * from './rules/mask-phone.js';
