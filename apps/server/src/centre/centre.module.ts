import { Module } from '@nestjs/common';
import { CentreController } from './centre.controller.js';
import { CentreService } from './centre.service.js';

/** What the activity centre produces: the weekly report of events, meetings, feelings and room use. */
@Module({ controllers: [CentreController], providers: [CentreService] })
export class CentreModule {}
