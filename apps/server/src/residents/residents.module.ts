import { Module } from '@nestjs/common';
import { TimebankModule } from '../timebank/timebank.module.js';
import { ResidentsController } from './residents.controller.js';
import { ResidentsService } from './residents.service.js';

@Module({ imports: [TimebankModule], controllers: [ResidentsController], providers: [ResidentsService] })
export class ResidentsModule {}
