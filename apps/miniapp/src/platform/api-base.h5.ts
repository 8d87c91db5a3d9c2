/** h5 is served by the API server itself, so it calls the same origin. */
export const apiBase = '/api/v1';
