import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LoginResponse } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { DevLoginDto, PasswordLoginDto, WechatLoginDto } from './dto/login.dto.js';
import { verifyPassword } from './password.js';
import { SessionsService } from './sessions.service.js';
import { WechatClient } from './wechat.client.js';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly wechat: WechatClient,
  ) {}

  async passwordLogin({ username, password }: PasswordLoginDto): Promise<LoginResponse> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) throw refuse('LOGIN_FAILED');
    return this.start(user);
  }

  /** Demo only: log in by phone, creating a pending resident for an unknown number. */
  async devLogin({ phone, community: code }: DevLoginDto): Promise<LoginResponse> {
    if (!this.config.demo) throw refuse('DEV_LOGIN_DISABLED');
    const community = await this.dataSource.getRepository(Community).findOneBy({ code });
    if (!community) throw refuse('COMMUNITY_NOT_FOUND');
    const repo = this.dataSource.getRepository(User);
    const user =
      (await repo.findOneBy({ communityId: community.id, phone })) ??
      (await this.users.createResident({ communityId: community.id, phone }));
    return this.start(user);
  }

  async wechatLogin({ code, community: communityCode }: WechatLoginDto): Promise<LoginResponse> {
    const session = await this.wechat.code2Session(code);
    const repo = this.dataSource.getRepository(User);
    let user = await repo.findOneBy({ openid: session.openid });
    if (!user) {
      const community = communityCode
        ? await this.dataSource.getRepository(Community).findOneBy({ code: communityCode })
        : null;
      if (communityCode && !community) throw refuse('COMMUNITY_NOT_FOUND');
      user = await this.users.createResident({ communityId: community?.id ?? null, openid: session.openid });
    }
    await repo.update({ id: user.id }, { wechatSessionKey: session.sessionKey });
    return this.start(user);
  }

  logout(token: string): Promise<void> {
    return this.sessions.revoke(token);
  }

  private async start(user: User): Promise<LoginResponse> {
    if (user.status === 'disabled') throw refuse('ACCOUNT_DISABLED');
    const token = await this.sessions.open(user.id);
    return { token, user: await this.users.view(user) };
  }
}
