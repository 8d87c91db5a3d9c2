import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UploadMimeType, UploadResponse } from '@linli/shared-types';
import type { OutputInfo, Sharp } from 'sharp';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import { ResidentRequest } from '../requests/request.entity.js';
import { requestVisibleTo } from '../requests/requests.rules.js';
import { toRequestPhoto } from '../requests/requests.mapper.js';
import { User } from '../users/user.entity.js';
import { Upload } from './upload.entity.js';
import { asUploadMime, checkUpload, PHOTO_MAX_SIDE, THUMB_SIDE, UPLOAD_ID_PATTERN } from './uploads.rules.js';

/** A decompression bomb stops here (about 40 megapixels) before any pixel is decoded. */
const PIXEL_LIMIT = 40_000_000;

export interface StoredPhoto {
  body: Buffer;
  mime: UploadMimeType;
}

/**
 * Photos: the type is read from the bytes (file-type), the image is decoded and encoded again (sharp), which keeps
 * the pixels and drops every metadata block (EXIF with GPS, XMP, comments); orientation is applied first so the
 * photo still stands upright. Files live under UPLOAD_DIR by random id; the row says who may see them.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Verified residents (for their requests) and staff (for progress notes) upload; pending residents do not. */
  assertMayUpload(viewer: User): void {
    if (viewer.role === 'resident' && viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
  }

  async store(viewer: User, bytes: Buffer): Promise<UploadResponse> {
    this.assertMayUpload(viewer);
    // Loaded on the first upload: libvips and file-type add a second to every process's start otherwise.
    const [{ fileTypeFromBuffer }, { default: sharp }] = await Promise.all([import('file-type'), import('sharp')]);
    const detected = await fileTypeFromBuffer(bytes);
    const refusal = checkUpload(detected?.mime, bytes.length);
    if (refusal) throw refuse(refusal, undefined, ['file']);
    const mime = asUploadMime(detected!.mime);
    let photo: { data: Buffer; info: OutputInfo };
    let thumb: Buffer;
    try {
      const source = () => sharp(bytes, { limitInputPixels: PIXEL_LIMIT, failOn: 'error' }).rotate();
      photo = await encode(
        source().resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true }),
        mime,
      ).toBuffer({ resolveWithObject: true });
      thumb = await encode(source().resize(THUMB_SIDE, THUMB_SIDE, { fit: 'cover' }), mime).toBuffer();
    } catch {
      // Right magic bytes, broken image (or over the pixel limit).
      throw refuse('UPLOAD_TYPE_UNSUPPORTED', undefined, ['file']);
    }
    const id = randomBytes(24).toString('base64url');
    await mkdir(this.config.uploadDir, { recursive: true });
    await writeFile(this.path(id, false), photo.data, { flag: 'wx' });
    await writeFile(this.path(id, true), thumb, { flag: 'wx' });
    try {
      await this.dataSource.getRepository(Upload).insert({
        id,
        userId: viewer.id,
        communityId: viewer.communityId,
        mime,
        bytes: photo.data.length,
        width: photo.info.width,
        height: photo.info.height,
        requestId: null,
        requestEventId: null,
        createdAt: this.clock.now(),
      });
    } catch (error) {
      await Promise.all([rm(this.path(id, false), { force: true }), rm(this.path(id, true), { force: true })]);
      throw error;
    }
    return {
      ...toRequestPhoto({ id }),
      mime,
      bytes: photo.data.length,
      width: photo.info.width,
      height: photo.info.height,
    };
  }

  /** The photo for whoever may see it: its uploader, or those who may see the request it belongs to; else 404. */
  async read(viewer: User, id: string, thumbnail: boolean): Promise<StoredPhoto> {
    if (!UPLOAD_ID_PATTERN.test(id)) throw refuse('UPLOAD_NOT_FOUND');
    const upload = await this.dataSource.getRepository(Upload).findOneBy({ id });
    if (!upload) throw refuse('UPLOAD_NOT_FOUND');
    if (upload.userId !== viewer.id) {
      const request = upload.requestId
        ? await this.dataSource.getRepository(ResidentRequest).findOneBy({ id: upload.requestId })
        : null;
      if (!request || !requestVisibleTo(viewer, request)) throw refuse('UPLOAD_NOT_FOUND');
    }
    try {
      return { body: await readFile(this.path(id, thumbnail)), mime: upload.mime };
    } catch {
      throw refuse('UPLOAD_NOT_FOUND');
    }
  }

  private path(id: string, thumbnail: boolean): string {
    return join(this.config.uploadDir, thumbnail ? `${id}-thumb` : id);
  }
}

function encode(image: Sharp, mime: UploadMimeType): Sharp {
  if (mime === 'image/png') return image.png({ compressionLevel: 9 });
  if (mime === 'image/webp') return image.webp({ quality: 82 });
  return image.jpeg({ quality: 85, mozjpeg: true });
}
