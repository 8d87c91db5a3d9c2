import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CareRecipientView, HelpRequestView, Page } from '@linli/shared-types';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { TimebankCommunityQueryDto } from '../timebank/dto/timebank.dto.js';
import { User } from '../users/user.entity.js';
import {
  ChooseHelperDto,
  ConfirmHelpDto,
  CreateHelpRequestDto,
  DisputeHelpDto,
  HelpRequestQueryDto,
  SetCareRecipientDto,
  SettleHelpDto,
} from './dto/help-requests.dto.js';
import { HelpRequestsService } from './help-requests.service.js';

@ApiTags('help-requests')
@ApiBearerAuth()
@Controller('help-requests')
export class HelpRequestsController {
  constructor(private readonly help: HelpRequestsService) {}

  @Post()
  @Roles('resident')
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateHelpRequestDto): Promise<HelpRequestView> {
    return this.help.create(user, body);
  }

  @Get()
  @Roles('resident', 'staff', 'admin')
  list(@CurrentUser() user: User, @Query() query: HelpRequestQueryDto): Promise<Page<HelpRequestView>> {
    return this.help.list(user, query);
  }

  @Get('mine')
  @Roles('resident')
  mine(@CurrentUser() user: User): Promise<Page<HelpRequestView>> {
    return this.help.mine(user);
  }

  /** Staff: who is flagged as a care recipient 帮扶对象. */
  @Get('care-recipients')
  @StaffOnly()
  careRecipients(@CurrentUser() user: User, @Query() query: TimebankCommunityQueryDto): Promise<CareRecipientView[]> {
    return this.help.careRecipients(user, query.communityId);
  }

  @Get(':id')
  @Roles('resident', 'staff', 'admin')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.help.get(user, id);
  }

  @Post(':id/offer')
  @Roles('resident')
  @HttpCode(200)
  offer(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.help.offer(user, id);
  }

  @Post(':id/choose')
  @Roles('resident')
  @HttpCode(200)
  choose(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ChooseHelperDto,
  ): Promise<HelpRequestView> {
    return this.help.choose(user, id, body.helperId);
  }

  @Post(':id/done')
  @Roles('resident')
  @HttpCode(200)
  done(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.help.done(user, id);
  }

  @Post(':id/confirm')
  @Roles('resident')
  @HttpCode(200)
  confirm(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ConfirmHelpDto,
  ): Promise<HelpRequestView> {
    return this.help.confirm(user, id, body.thanks, body.stars);
  }

  @Post(':id/dispute')
  @Roles('resident')
  @HttpCode(200)
  dispute(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DisputeHelpDto,
  ): Promise<HelpRequestView> {
    return this.help.dispute(user, id, body.reason);
  }

  @Post(':id/cancel')
  @Roles('resident')
  @HttpCode(200)
  cancel(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.help.cancel(user, id);
  }

  @Post(':id/settle')
  @StaffOnly()
  @HttpCode(200)
  settle(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SettleHelpDto,
  ): Promise<HelpRequestView> {
    return this.help.settle(user, id, body.minutes, body.reason);
  }
}

/** POST residents/:id/care-recipient: beside the residents routes, owned by mutual help. */
@ApiTags('residents')
@ApiBearerAuth()
@StaffOnly()
@Controller('residents')
export class CareRecipientsController {
  constructor(private readonly help: HelpRequestsService) {}

  @Post(':id/care-recipient')
  @HttpCode(200)
  set(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetCareRecipientDto,
  ): Promise<CareRecipientView> {
    return this.help.setCareRecipient(user, id, body.careRecipient);
  }
}
