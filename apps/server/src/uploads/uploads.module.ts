import { Module } from '@nestjs/common';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';

/** Photos of requests and progress notes: checked by content, EXIF stripped, served only to who may see them. */
@Module({
  controllers: [UploadsController],
  providers: [UploadsService],
})
export class UploadsModule {}
