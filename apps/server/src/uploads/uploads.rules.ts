import { UPLOAD_MAX_BYTES, uploadMimeTypes, type ErrorCode, type UploadMimeType } from '@linli/shared-types';

/** Longest side of the stored photo and of its list thumbnail, in pixels. */
export const PHOTO_MAX_SIDE = 2048;
export const THUMB_SIDE = 320;

/** A detected type (from the bytes, never the name) is accepted when it is one of ours and the size fits. */
export function checkUpload(detectedMime: string | undefined, bytes: number): ErrorCode | null {
  if (bytes > UPLOAD_MAX_BYTES) return 'UPLOAD_TOO_LARGE';
  if (!detectedMime || !(uploadMimeTypes as readonly string[]).includes(detectedMime)) return 'UPLOAD_TYPE_UNSUPPORTED';
  return null;
}

export const asUploadMime = (mime: string): UploadMimeType => mime as UploadMimeType;

/** Upload ids: 32 url-safe characters (24 random bytes), so they cannot be guessed or enumerated. */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;
