import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@linli/shared-types';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { transactionStats } from '../database/transaction.js';
import { readDatabaseHealth } from './database-health.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * 200 with the database up, 503 while it is unreachable or, on a Galera cluster, while this server's node is not
   * Synced (it answers 1047 then); recovers by itself when the node is back. Also this process's transaction counts.
   */
  @ApiAnswer({ summary: '健康检查（数据库不可用或集群节点未同步时 503）', ok: 'HealthResponse', refusals: 'none' })
  @Public()
  @Get()
  @HttpCode(200)
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const database = await readDatabaseHealth(this.dataSource);
    const { committed, retried, exhausted } = transactionStats;
    if (database.status !== 'up') reply.status(503);
    return {
      status: database.status === 'up' ? 'ok' : 'error',
      database,
      transactions: { committed, retried, exhausted },
    };
  }
}
