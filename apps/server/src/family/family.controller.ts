import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FamilyBindingView, FamilyCodeResponse, MyFamilyResponse } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { DeskFamilyBindDto, FamilyBindDto } from './dto/family.dto.js';
import { FamilyService } from './family.service.js';

/** 亲情代办: none of these take X-Act-For (nobody binds or unbinds on someone else's behalf). */
@ApiTags('family')
@ApiBearerAuth()
@Controller()
export class FamilyController {
  constructor(private readonly family: FamilyService) {}

  /** The elder makes a one-time code for a family member to enter. */
  @ApiAnswer({
    summary: '生成亲情绑定码（6 位，10 分钟内有效，仅可使用一次）',
    ok: 'FamilyCodeResponse',
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @Post('me/family-codes')
  @Roles('resident')
  @HttpCode(201)
  createCode(@CurrentUser() user: User): Promise<FamilyCodeResponse> {
    return this.family.createCode(user);
  }

  /** A family member enters the elder's code; guessing codes is limited like guessing passwords. */
  @ApiAnswer({
    summary: '家人输入绑定码，绑定亲情代办',
    ok: 'FamilyBindingView',
    refusals: [
      'FORBIDDEN',
      'FAMILY_ALREADY_BOUND',
      'FAMILY_CODE_INVALID',
      'FAMILY_CODE_EXPIRED',
      'FAMILY_CODE_USED',
      'FAMILY_SELF_BIND',
      'RESIDENT_NOT_VERIFIED',
    ],
  })
  @Post('family/bind')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('login')
  bind(@CurrentUser() user: User, @Body() body: FamilyBindDto): Promise<FamilyBindingView> {
    return this.family.bindByCode(user, body);
  }

  @ApiAnswer({ summary: '我的亲情代办：为我代办的家人、我可代办的长辈', ok: 'MyFamilyResponse' })
  @Get('me/family')
  @Roles('resident')
  mine(@CurrentUser() user: User): Promise<MyFamilyResponse> {
    return this.family.mine(user);
  }

  @ApiAnswer({ summary: '解除亲情代办（立即生效）', ok: null, refusals: ['FAMILY_BINDING_NOT_FOUND'] })
  @Delete('me/family/:id')
  @Roles('resident')
  @HttpCode(204)
  revoke(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.family.revoke(user, id);
  }

  @ApiAnswer({
    summary: '窗口为居民绑定家人（按家人手机号）',
    ok: 'FamilyBindingView',
    refusals: [
      'NOT_FOUND',
      'FAMILY_MEMBER_NOT_FOUND',
      'FAMILY_ALREADY_BOUND',
      'NOT_A_RESIDENT',
      'TARGET_DISABLED',
      'FAMILY_SELF_BIND',
    ],
  })
  @Post('residents/:id/family')
  @StaffOnly()
  @HttpCode(201)
  bindAtDesk(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DeskFamilyBindDto,
  ): Promise<FamilyBindingView> {
    return this.family.bindAtDesk(user, id, body);
  }
}
