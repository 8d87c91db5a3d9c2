import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@linli/shared-types';
import { ActFor } from '../common/act-for.js';
import { CurrentUser } from '../common/auth.decorators.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ActFor('查看资料')
  me(@CurrentUser() user: User): Promise<UserView> {
    return this.users.view(user);
  }

  @Patch()
  update(@CurrentUser() user: User, @Body() body: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(user, body);
  }
}
