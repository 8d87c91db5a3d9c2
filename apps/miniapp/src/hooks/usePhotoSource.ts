import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { photoSource } from '../services/uploads';

/** The <Image> source of an API photo (served only with the session's token), or null while loading or failed. */
export function usePhotoSource(url: string): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string; src: string | null; failed: boolean }>({
    url,
    src: null,
    failed: false,
  });
  useEffect(() => {
    let live = true;
    photoSource(url).then(
      (src) => live && setState({ url, src, failed: false }),
      () => live && setState({ url, src: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return state.url === url ? { src: state.src, failed: state.failed } : { src: null, failed: false };
}

/** Shows `photos` full screen, starting at `current`; the full images are fetched only now. */
export async function previewPhotos(photos: Array<{ url: string }>, current: number): Promise<void> {
  try {
    const urls = await Promise.all(photos.map((photo) => photoSource(photo.url)));
    await Taro.previewImage({ urls, current: urls[current] });
  } catch {
    void Taro.showToast({ title: '照片加载失败', icon: 'none' });
  }
}
