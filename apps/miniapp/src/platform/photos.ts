import type { PlatformPhotos } from './types';

/** Other targets have no camera: nothing is picked and no photo is shown. */
export const platformPhotos: PlatformPhotos = {
  pick: async () => [],
  upload: () => ({ done: Promise.reject(new Error('不支持上传照片')), abort: () => undefined }),
  source: (url) => Promise.resolve(url),
};
