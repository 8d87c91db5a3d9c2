import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser } from '../common/auth.decorators.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiAnswer({ summary: '我的资料', ok: 'UserView' })
  @ActFor('查看资料')
  @Get()
  me(@CurrentUser() user: User): Promise<UserView> {
    return this.users.view(user);
  }

  @ApiAnswer({
    summary: '修改我的资料（住户信息认证前可改）',
    ok: 'UserView',
    refusals: ['BUILDING_NOT_FOUND', 'NOT_A_RESIDENT', 'PROFILE_LOCKED'],
  })
  @Patch()
  update(@CurrentUser() user: User, @Body() body: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(user, body);
  }
}
