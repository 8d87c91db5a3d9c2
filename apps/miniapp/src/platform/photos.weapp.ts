import Taro from '@tarojs/taro';
import { ApiRequestError, identityHeaders, toRequestError } from '../services/http';
import type { PickedPhoto, PlatformPhotos } from './types';

const NETWORK_ERROR = '网络连接失败，请检查网络后重试';

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

export const platformPhotos: PlatformPhotos = {
  async pick(count) {
    try {
      const result = await Taro.chooseMedia({
        count,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        // The server re-encodes every photo anyway; compressed ones upload faster on a phone network.
        sizeType: ['compressed'],
      });
      return result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size }));
    } catch (error) {
      // "chooseMedia:fail cancel" is the user closing the picker.
      if (((error as { errMsg?: string }).errMsg ?? '').includes('cancel')) return [];
      throw Object.assign(new Error('无法打开相册或相机，请检查权限'), { cause: error });
    }
  },

  upload<T>(url: string, field: string, photo: PickedPhoto, onProgress: (percent: number) => void) {
    let task: Taro.UploadTask | undefined;
    const done = new Promise<T>((resolve, reject) => {
      task = Taro.uploadFile({
        url,
        filePath: photo.path,
        name: field,
        header: identityHeaders(),
        timeout: 60_000,
        success(response) {
          const body = parse(response.data);
          if (response.statusCode >= 200 && response.statusCode < 300) resolve(body as T);
          else reject(toRequestError(response.statusCode, body));
        },
        fail() {
          reject(new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR));
        },
      });
      task.onProgressUpdate((progress) => onProgress(progress.progress));
    });
    return { done, abort: () => task?.abort() };
  },

  async source(url) {
    let response: Taro.downloadFile.FileSuccessCallbackResult;
    try {
      response = await Taro.downloadFile({ url, header: identityHeaders() });
    } catch {
      throw new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR);
    }
    if (response.statusCode !== 200) throw toRequestError(response.statusCode, undefined);
    return response.tempFilePath;
  },
};
