import Taro from '@tarojs/taro';
import { ApiRequestError, identityHeaders, toRequestError } from '../services/http';
import type { PickedPhoto, PlatformPhotos } from './types';

const NETWORK_ERROR = '网络连接失败，请检查网络后重试';

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Object URLs of photos already fetched, so a list scrolled back does not download them again. */
const sources = new Map<string, Promise<string>>();

/*
 * A browser uploads through XMLHttpRequest, the only browser API that reports upload progress, with the
 * picked File itself (Taro's h5 uploadFile would fetch the object URL back into a Blob first).
 */
export const platformPhotos: PlatformPhotos = {
  async pick(count) {
    try {
      const result = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'] });
      return result.tempFiles.map((file) => ({
        path: file.tempFilePath,
        size: file.size,
        file: (file as { originalFileObj?: Blob }).originalFileObj,
      }));
    } catch {
      // The file chooser was closed or the action sheet cancelled.
      return [];
    }
  },

  upload<T>(url: string, field: string, photo: PickedPhoto, onProgress: (percent: number) => void) {
    const xhr = new XMLHttpRequest();
    const done = new Promise<T>((resolve, reject) => {
      void (async () => {
        const blob = photo.file ?? (await (await fetch(photo.path)).blob());
        const form = new FormData();
        form.append(field, blob, (blob as File).name || 'photo.jpg');
        xhr.open('POST', url);
        for (const [name, value] of Object.entries(identityHeaders())) xhr.setRequestHeader(name, value);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.timeout = 60_000;
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
        };
        xhr.onload = () => {
          const body = parse(xhr.responseText);
          if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
          else reject(toRequestError(xhr.status, body));
        };
        const failed = () => reject(new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR));
        xhr.onerror = failed;
        xhr.ontimeout = failed;
        xhr.onabort = failed;
        xhr.send(form);
      })().catch(() => reject(new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR)));
    });
    return { done, abort: () => xhr.abort() };
  },

  source(url) {
    const cached = sources.get(url);
    if (cached) return cached;
    const loading = (async () => {
      let response: Response;
      try {
        response = await fetch(url, { headers: identityHeaders() });
      } catch {
        throw new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR);
      }
      if (!response.ok) throw toRequestError(response.status, undefined);
      return URL.createObjectURL(await response.blob());
    })();
    sources.set(url, loading);
    loading.catch(() => sources.delete(url));
    return loading;
  },
};
