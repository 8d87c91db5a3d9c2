import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FamilyBindingView, FamilyCodeResponse, MyFamilyResponse } from '@linli/shared-types';
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
  @Post('me/family-codes')
  @Roles('resident')
  @HttpCode(201)
  createCode(@CurrentUser() user: User): Promise<FamilyCodeResponse> {
    return this.family.createCode(user);
  }

  /** A family member enters the elder's code; guessing codes is limited like guessing passwords. */
  @Post('family/bind')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('login')
  bind(@CurrentUser() user: User, @Body() body: FamilyBindDto): Promise<FamilyBindingView> {
    return this.family.bindByCode(user, body);
  }

  @Get('me/family')
  @Roles('resident')
  mine(@CurrentUser() user: User): Promise<MyFamilyResponse> {
    return this.family.mine(user);
  }

  @Delete('me/family/:id')
  @Roles('resident')
  @HttpCode(204)
  revoke(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.family.revoke(user, id);
  }

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
