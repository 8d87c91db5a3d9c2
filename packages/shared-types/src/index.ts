export * from './bookings.js';
export * from './common.js';
export * from './errors.js';
export * from './identity.js';
export * from './rules/mask-phone.js';
export * from './notices.js';
export * from './notifications.js';
export * from './rules/minutes-to-hours.js';
export * from './rules/slot-grid.js';
export * from './timebank.js';
export * from './activities.js';
export * from './rules/minutes-served.js';
export * from './rules/csv.js';
<<<<<<< HEAD
export * from './centre.js';
=======
export * from './requests.js';
export * from './uploads.js';
>>>>>>> main
