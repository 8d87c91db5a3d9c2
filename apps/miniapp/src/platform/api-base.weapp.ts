/** weapp has no same origin: it calls the absolute base fixed at build time (config/index.ts). */
export const apiBase: string = process.env.TARO_APP_API_BASE;
