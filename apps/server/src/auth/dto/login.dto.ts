import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DevLoginRequest, PasswordLoginRequest, WechatLoginRequest } from '@linli/shared-types';
import { IsString, Length, Matches } from 'class-validator';
import { Omittable } from '../../common/input-hygiene.js';

export class PasswordLoginDto implements PasswordLoginRequest {
  @ApiProperty({ example: 'staff.g' }) @IsString() @Length(1, 64) username: string;
  @ApiProperty({ example: 'linli-demo' }) @IsString() @Length(1, 128) password: string;
}

export class DevLoginDto implements DevLoginRequest {
  @ApiProperty({ example: '13800000001' })
  @IsString()
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;
  @ApiProperty({ example: 'G' }) @IsString() @Length(1, 16) community: string;
}

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'code from Taro.login / wx.login' }) @IsString() @Length(1, 128) code: string;
  @ApiPropertyOptional({ example: 'G' }) @Omittable() @IsString() @Length(1, 16) community?: string;
}
