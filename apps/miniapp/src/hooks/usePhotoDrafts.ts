import { useCallback, useEffect, useRef, useState } from 'react';
import { UPLOAD_MAX_BYTES, uploadMimeTypes } from '@linli/shared-types';
import type { PhotoUploadTask, PickedPhoto } from '../platform/types';
import { pickPhotos, uploadPhoto } from '../services/uploads';
import { errorText } from './useRemoteData';

export interface PhotoDraft {
  key: number;
  photo: PickedPhoto;
  state: 'uploading' | 'failed' | 'done';
  /** 0–100 while uploading. */
  progress: number;
  /** The server's id once uploaded. */
  uploadId: string | null;
  error: string | null;
}

export interface PhotoDrafts {
  photos: PhotoDraft[];
  /** Opens the picker for as many photos as are still allowed. */
  add(): Promise<void>;
  retry(key: number): void;
  remove(key: number): void;
  /** Every photo is uploaded (none uploading or failed). */
  ready: boolean;
  /** Ids of the uploaded photos, in the order they were added. */
  uploadIds: string[];
  /** Why the last pick added nothing or less (too large), or null. */
  notice: string | null;
  reset(): void;
}

const MAX_MB = UPLOAD_MAX_BYTES / 1024 / 1024;

/** Up to `max` photos, each uploaded as soon as it is picked, with progress, 重试 and 删除. */
export function usePhotoDrafts(max: number): PhotoDrafts {
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const tasks = useRef(new Map<number, PhotoUploadTask<unknown>>());
  const nextKey = useRef(1);
  const photosRef = useRef(photos);
  useEffect(() => {
    photosRef.current = photos;
  }, [photos]);

  const patch = (key: number, change: Partial<PhotoDraft>) =>
    setPhotos((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = useCallback((key: number, photo: PickedPhoto) => {
    patch(key, { state: 'uploading', progress: 0, error: null });
    const task = uploadPhoto(photo, (progress) => patch(key, { progress }));
    tasks.current.set(key, task);
    task.done.then(
      (answer) => {
        if (tasks.current.get(key) !== task) return;
        tasks.current.delete(key);
        patch(key, { state: 'done', progress: 100, uploadId: answer.id });
      },
      (caught: unknown) => {
        if (tasks.current.get(key) !== task) return;
        tasks.current.delete(key);
        patch(key, { state: 'failed', error: errorText(caught) });
      },
    );
  }, []);

  const add = useCallback(async () => {
    const room = max - photosRef.current.length;
    if (room <= 0) return;
    setNotice(null);
    let picked: PickedPhoto[];
    try {
      picked = await pickPhotos(room);
    } catch (caught) {
      setNotice(caught instanceof Error ? caught.message : '无法选择照片');
      return;
    }
    const accepted: PickedPhoto[] = [];
    for (const photo of picked.slice(0, room)) {
      const type = (photo.file as File | undefined)?.type;
      if (photo.size > UPLOAD_MAX_BYTES) setNotice(`有照片超过 ${MAX_MB} MB，未添加`);
      else if (type && !(uploadMimeTypes as readonly string[]).includes(type))
        setNotice('只支持 JPG、PNG 或 WebP 照片');
      else accepted.push(photo);
    }
    const drafts = accepted.map((photo) => ({
      key: nextKey.current++,
      photo,
      state: 'uploading' as const,
      progress: 0,
      uploadId: null,
      error: null,
    }));
    setPhotos((list) => [...list, ...drafts]);
    for (const draft of drafts) start(draft.key, draft.photo);
  }, [max, start]);

  const retry = useCallback(
    (key: number) => {
      const draft = photosRef.current.find((item) => item.key === key);
      if (draft && draft.state === 'failed') start(key, draft.photo);
    },
    [start],
  );

  const remove = useCallback((key: number) => {
    tasks.current.get(key)?.abort();
    tasks.current.delete(key);
    setPhotos((list) => list.filter((item) => item.key !== key));
  }, []);

  const reset = useCallback(() => {
    for (const task of tasks.current.values()) task.abort();
    tasks.current.clear();
    setPhotos([]);
    setNotice(null);
  }, []);

  // Leaving the page gives up uploads still under way.
  useEffect(() => {
    const running = tasks.current;
    return () => {
      for (const task of running.values()) task.abort();
      running.clear();
    };
  }, []);

  return {
    photos,
    add,
    retry,
    remove,
    ready: photos.every((item) => item.state === 'done'),
    uploadIds: photos.filter((item) => item.uploadId).map((item) => item.uploadId!),
    notice,
    reset,
  };
}
