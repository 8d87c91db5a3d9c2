import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse } from '@linli/shared-types';
import { CurrentToken, Public } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { AuthService } from './auth.service.js';
import { DevLoginDto, PasswordLoginDto, WechatLoginDto } from './dto/login.dto.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiAnswer({
    summary: '工作人员账号密码登录',
    ok: 'LoginResponse',
    refusals: ['LOGIN_FAILED', 'ACCOUNT_DISABLED'],
  })
  @Public()
  @Post('login')
  @RateLimit('login')
  @HttpCode(200)
  login(@Body() body: PasswordLoginDto): Promise<LoginResponse> {
    return this.auth.passwordLogin(body);
  }

  @ApiAnswer({
    summary: '演示环境手机号登录（仅演示模式）',
    ok: 'LoginResponse',
    refusals: ['ACCOUNT_DISABLED', 'DEV_LOGIN_DISABLED', 'COMMUNITY_NOT_FOUND'],
  })
  @Public()
  @Post('dev-login')
  @RateLimit('dev-login')
  @HttpCode(200)
  devLogin(@Body() body: DevLoginDto): Promise<LoginResponse> {
    return this.auth.devLogin(body);
  }

  @ApiAnswer({
    summary: '微信小程序登录',
    ok: 'LoginResponse',
    refusals: [
      'WECHAT_CODE_INVALID',
      'ACCOUNT_DISABLED',
      'COMMUNITY_NOT_FOUND',
      'WECHAT_NOT_CONFIGURED',
      'WECHAT_UNAVAILABLE',
    ],
  })
  @Public()
  @Post('wechat')
  @RateLimit('login')
  @HttpCode(200)
  wechat(@Body() body: WechatLoginDto): Promise<LoginResponse> {
    return this.auth.wechatLogin(body);
  }

  @ApiAnswer({ summary: '退出登录', ok: null })
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentToken() token: string): Promise<void> {
    await this.auth.logout(token);
  }
}
