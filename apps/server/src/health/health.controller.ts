import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@linli/shared-types';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 200 with the database up, 503 while it is unreachable; recovers by itself when it returns. */
  @ApiAnswer({ summary: '健康检查（数据库不可用时 503）', ok: 'HealthResponse', refusals: 'none' })
  @Public()
  @Get()
  @HttpCode(200)
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const type = this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
      return { status: 'ok', database: { status: 'up', type } };
    } catch {
      reply.status(503);
      return { status: 'error', database: { status: 'down', type } };
    }
  }
}
