import { Get, Post } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { ACT_FOR } from '../common/act-for.js';
import { ActFor } from './act-for.decorator.js';
import { ProxyActInterceptor } from './proxy-act.interceptor.js';

class Routes {
  @ActFor('查看')
  @Get('read')
  read(): void {}

  @ActFor('报名', ['family'])
  @Post('write')
  write(): void {}
}

describe('@ActFor', () => {
  it.each([
    ['read', { label: '查看', by: ['family', 'desk'] }, undefined],
    ['write', { label: '报名', by: ['family'] }, [ProxyActInterceptor]],
  ] as const)('%s: policy %j, interceptors %j', (name, policy, interceptors) => {
    const handler = Routes.prototype[name];
    expect(Reflect.getMetadata(ACT_FOR, handler)).toEqual(policy);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, handler)).toEqual(interceptors);
  });

  it('refuses to sit below the route decorator, where it cannot see the method', () => {
    expect(() => {
      class Misplaced {
        @Get('x')
        @ActFor('查看')
        x(): void {}
      }
      return Misplaced;
    }).toThrow('@ActFor on x: put it above');
  });
});
