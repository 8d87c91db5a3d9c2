import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FamilyCreditAskView, MyFamilyCreditAsks } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { FamilyCreditAskDto } from './dto/family.dto.js';
import { FamilyCreditService } from './family-credit.service.js';

/**
 * 代办转出. No @ActFor on any of these: the member asks in their own name, and only the elder, in her own session,
 * confirms; a request with X-Act-For is refused (403 PROXY_NOT_ALLOWED), so a proxy cannot confirm for her.
 */
@ApiTags('family')
@ApiBearerAuth()
@Controller('me/family')
export class FamilyCreditController {
  constructor(private readonly credit: FamilyCreditService) {}

  @ApiAnswer({
    summary: '家人请求长辈把时长转给自己（须长辈本人确认）',
    ok: 'FamilyCreditAskView',
    refusals: [
      'FORBIDDEN',
      'RESIDENT_NOT_VERIFIED',
      'FAMILY_BINDING_NOT_FOUND',
      'FAMILY_CREDIT_ASK_OPEN',
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
    ],
  })
  @Post(':id/credit-asks')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('timebank')
  ask(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) bindingId: number,
    @Body() body: FamilyCreditAskDto,
  ): Promise<FamilyCreditAskView> {
    return this.credit.ask(user, bindingId, body);
  }

  @ApiAnswer({ summary: '代办转出：待我确认的、我发起的', ok: 'MyFamilyCreditAsks' })
  @Get('credit-asks')
  @Roles('resident')
  mine(@CurrentUser() user: User): Promise<MyFamilyCreditAsks> {
    return this.credit.mine(user);
  }

  @ApiAnswer({
    summary: '长辈本人确认代办转出（确认即转出）',
    ok: 'FamilyCreditAskView',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'FAMILY_CREDIT_ASK_NOT_FOUND',
      'FAMILY_BINDING_NOT_FOUND',
      'TIMEBANK_ACCOUNT_NOT_FOUND',
      'FAMILY_CREDIT_ASK_CLOSED',
      'FAMILY_CREDIT_ASK_EXPIRED',
      'INSUFFICIENT_CREDITS',
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
    ],
  })
  @Post('credit-asks/:id/confirm')
  @Roles('resident')
  @HttpCode(200)
  @RateLimit('timebank')
  confirm(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<FamilyCreditAskView> {
    return this.credit.confirm(user, id);
  }

  @ApiAnswer({
    summary: '长辈拒绝代办转出',
    ok: 'FamilyCreditAskView',
    refusals: ['FAMILY_CREDIT_ASK_NOT_FOUND', 'FAMILY_CREDIT_ASK_CLOSED'],
  })
  @Post('credit-asks/:id/decline')
  @Roles('resident')
  @HttpCode(200)
  decline(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<FamilyCreditAskView> {
    return this.credit.decline(user, id);
  }

  @ApiAnswer({
    summary: '家人撤回代办转出请求',
    ok: 'FamilyCreditAskView',
    refusals: ['FAMILY_CREDIT_ASK_NOT_FOUND', 'FAMILY_CREDIT_ASK_CLOSED'],
  })
  @Post('credit-asks/:id/cancel')
  @Roles('resident')
  @HttpCode(200)
  cancel(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<FamilyCreditAskView> {
    return this.credit.cancel(user, id);
  }
}
