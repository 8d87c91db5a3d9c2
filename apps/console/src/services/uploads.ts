import { UPLOAD_FIELD, type UploadResponse } from '@linli/shared-types';
import { request, requestFile } from './http';

/** POST uploads (multipart): a photo for a progress note. */
export function uploadPhoto(file: File): Promise<UploadResponse> {
  const form = new FormData();
  form.append(UPLOAD_FIELD, file, file.name);
  return request<UploadResponse>('POST', 'uploads', { form });
}

const API_PREFIX = '/api/v1/';

/** A photo the API serves only with the Bearer token, as a Blob (an <img src> could not carry the token). */
export function fetchPhoto(url: string, signal?: AbortSignal): Promise<Blob> {
  const path = url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) : url;
  return requestFile(path, 'image/*', signal);
}
