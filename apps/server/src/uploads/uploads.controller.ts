import type { MultipartFile } from '@fastify/multipart';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { UPLOAD_FIELD, UPLOAD_MAX_BYTES, type UploadResponse } from '@linli/shared-types';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActFor } from '../family/act-for.decorator.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { AppException, refuse } from '../common/app-exception.js';
import { CurrentUser } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { UploadQueryDto } from './uploads.dto.js';
import { UploadsService } from './uploads.service.js';

type MultipartRequest = FastifyRequest & { isMultipart(): boolean; file(): Promise<MultipartFile | undefined> };

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /** One photo per call, multipart field `file`; the type is read from the bytes, EXIF is stripped. */
  @ApiAnswer({
    summary: '上传照片（JPEG/PNG/WebP，≤ 5 MB，去除位置信息）',
    ok: 'UploadResponse',
    refusals: ['UPLOAD_FILE_MISSING', 'RESIDENT_NOT_VERIFIED', 'UPLOAD_TOO_LARGE', 'UPLOAD_TYPE_UNSUPPORTED'],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [UPLOAD_FIELD],
      properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ActFor('上传照片') // a photo for a request or help request made for the elder: the photo is hers
  @Post()
  @HttpCode(201)
  async upload(@CurrentUser() user: User, @Req() request: FastifyRequest): Promise<UploadResponse> {
    this.uploads.assertMayUpload(user);
    const req = request as MultipartRequest;
    if (typeof req.isMultipart !== 'function' || !req.isMultipart())
      throw refuse('UPLOAD_FILE_MISSING', undefined, [UPLOAD_FIELD]);
    let bytes: Buffer;
    try {
      const file = await req.file();
      if (!file || file.fieldname !== UPLOAD_FIELD) throw refuse('UPLOAD_FILE_MISSING', undefined, [UPLOAD_FIELD]);
      bytes = await file.toBuffer();
    } catch (error) {
      if (error instanceof AppException) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw refuse('UPLOAD_TOO_LARGE', undefined, [UPLOAD_FIELD]);
      throw refuse('UPLOAD_FILE_MISSING', undefined, [UPLOAD_FIELD]);
    }
    if (bytes.length > UPLOAD_MAX_BYTES) throw refuse('UPLOAD_TOO_LARGE', undefined, [UPLOAD_FIELD]);
    return this.uploads.store(user, bytes);
  }

  /** The photo (or `?size=thumb`, a small square for lists). An id never changes content, so it caches long. */
  @ApiAnswer({
    summary: '查看照片（仅能看到该诉求的人可见）',
    ok: { mediaType: 'image/*' },
    refusals: ['UPLOAD_NOT_FOUND'],
  })
  @ActFor('查看照片')
  @Get(':id')
  async read(
    @CurrentUser() user: User,
    @Param('id') id: string,
    @Query() query: UploadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const photo = await this.uploads.read(user, id, query.size === 'thumb');
    // private: the answer depends on who asks; the bytes of an id never change.
    reply.header('cache-control', 'private, max-age=604800, immutable');
    reply.header('content-type', photo.mime);
    return new StreamableFile(photo.body, { type: photo.mime, length: photo.body.length });
  }
}
