import Taro from '@tarojs/taro';
import { loginWithWechat } from '../services/auth';
import { ApiRequestError } from '../services/http';
import type { PlatformLogin } from './types';

/** Taro.login gives a one-time code; the server trades it for the openid (code2Session). */
export const platformLogin: PlatformLogin = {
  provider: 'wechat',
  async login(options) {
    let code: string;
    try {
      code = (await Taro.login()).code;
    } catch {
      throw new ApiRequestError(0, 'WECHAT_LOGIN_FAILED', '微信登录失败，请稍后重试');
    }
    return loginWithWechat({ code, community: options?.community });
  },
};
