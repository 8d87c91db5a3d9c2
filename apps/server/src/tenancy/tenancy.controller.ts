import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BuildingView, CommunityView, Page } from '@linli/shared-types';
import { IsOptional, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { CurrentUser, Public } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { toBuildingView, toCommunityView } from '../users/user.mapper.js';
import { Building } from './building.entity.js';
import { Community } from './community.entity.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

class BuildingsQuery {
  @IsOptional() @IsString() @Length(1, 16) community?: string;
}

/** The street's communities and their buildings: what a newcomer picks from. */
@ApiTags('tenancy')
@Controller()
export class TenancyController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ApiAnswer({ summary: '街道的社区列表', ok: { page: 'CommunityView' }, refusals: 'none' })
  @Public()
  @Get('communities')
  async communities(): Promise<Page<CommunityView>> {
    const rows = await this.dataSource.getRepository(Community).find({ order: { id: 'ASC' } });
    return { items: rows.map(toCommunityView), nextCursor: null };
  }

  /** The caller's community by default; `?community=CODE` for someone who has not chosen one yet. */
  @ApiAnswer({
    summary: '楼栋列表（本社区，或 ?community=社区代码）',
    ok: { page: 'BuildingView' },
    refusals: ['COMMUNITY_NOT_FOUND'],
  })
  @Public()
  @Get('buildings')
  async buildings(@Query() query: BuildingsQuery, @CurrentUser() user?: User): Promise<Page<BuildingView>> {
    let communityId = user?.communityId ?? null;
    if (query.community) {
      const community = await this.dataSource.getRepository(Community).findOneBy({ code: query.community });
      if (!community) throw refuse('COMMUNITY_NOT_FOUND');
      communityId = community.id;
    }
    if (communityId === null) return { items: [], nextCursor: null };
    const rows = await this.dataSource.getRepository(Building).find({ where: { communityId }, order: { id: 'ASC' } });
    return { items: rows.map(toBuildingView), nextCursor: null };
  }
}
