import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse } from '@linli/shared-types';
import { CurrentToken, Public } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { AuthService } from './auth.service.js';
import { DevLoginDto, PasswordLoginDto, WechatLoginDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @RateLimit('login')
  @HttpCode(200)
  login(@Body() body: PasswordLoginDto): Promise<LoginResponse> {
    return this.auth.passwordLogin(body);
  }

  @Public()
  @Post('dev-login')
  @RateLimit('dev-login')
  @HttpCode(200)
  devLogin(@Body() body: DevLoginDto): Promise<LoginResponse> {
    return this.auth.devLogin(body);
  }

  @Public()
  @Post('wechat')
  @RateLimit('login')
  @HttpCode(200)
  wechat(@Body() body: WechatLoginDto): Promise<LoginResponse> {
    return this.auth.wechatLogin(body);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentToken() token: string): Promise<void> {
    await this.auth.logout(token);
  }
}
