import { UPLOAD_FIELD, type UploadResponse } from '@linli/shared-types';
import { platformPhotos } from '../platform/photos';
import type { PhotoUploadTask, PickedPhoto } from '../platform/types';
import { apiBase } from './http';

const API_PREFIX = '/api/v1/';

/** The server answers photo URLs as API paths (`/api/v1/uploads/…`); weapp needs them on its absolute base. */
export function absoluteApiUrl(path: string): string {
  if (!path.startsWith(API_PREFIX)) return path;
  return `${apiBase}/${path.slice(API_PREFIX.length)}`;
}

/** POST uploads (multipart `file`): one photo for a request, with progress 0–100. */
export function uploadPhoto(
  photo: PickedPhoto,
  onProgress: (percent: number) => void,
): PhotoUploadTask<UploadResponse> {
  return platformPhotos.upload<UploadResponse>(`${apiBase}/uploads`, UPLOAD_FIELD, photo, onProgress);
}

export function pickPhotos(count: number): Promise<PickedPhoto[]> {
  return platformPhotos.pick(count);
}

/** A source for <Image> of a photo the API serves only with the session's token. */
export function photoSource(url: string): Promise<string> {
  return platformPhotos.source(absoluteApiUrl(url));
}
