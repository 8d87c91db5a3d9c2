/** Photos uploaded for requests (PRODUCT.md "Resident requests", Photos). */

export const uploadMimeTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadMimeType = (typeof uploadMimeTypes)[number];

/** 5 MB per file, checked by the server from the bytes; clients check it before sending too. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** The multipart field name of POST uploads. */
export const UPLOAD_FIELD = 'file';

/**
 * POST uploads answers this. `url` and `thumbnailUrl` are API paths (`/api/v1/uploads/<id>` and
 * `/api/v1/uploads/<id>?size=thumb`) that need the Authorization header like any other call.
 * An upload is visible to its uploader until a request or progress note uses it, then to whoever may see that request.
 */
export interface UploadResponse {
  id: string;
  url: string;
  thumbnailUrl: string;
  mime: UploadMimeType;
  bytes: number;
  width: number;
  height: number;
}
