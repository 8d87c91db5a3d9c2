import type { ActForPolicy } from '../common/act-for.js';
import { decideActFor, parseActFor, proxyRecordOf, type ActForInput, type ProxyCandidate } from './proxy.rules.js';

const person = (id: number, role: string, communityId: number | null, status = 'verified'): ProxyCandidate => ({
  id,
  role,
  status,
  communityId,
});
const mother = person(1, 'resident', 1);
const pendingElder = person(5, 'resident', 1, 'pending');
const daughterInB = person(2, 'resident', 2);
const stranger = person(3, 'resident', 1);
const staffG = person(10, 'staff', 1);
const staffB = person(11, 'staff', 2);
const admin = person(12, 'admin', null);
const both: ActForPolicy = { label: '预约活动室', by: ['family', 'desk'] };
const deskOnly: ActForPolicy = { label: '出示个人码', by: ['desk'] };

describe('parseActFor', () => {
  it.each<[string | string[] | undefined, ReturnType<typeof parseActFor>]>([
    [undefined, { kind: 'none' }],
    ['7', { kind: 'id', id: 7 }],
    [' 42 ', { kind: 'id', id: 42 }],
    ['2147483647', { kind: 'id', id: 2_147_483_647 }],
    ['2147483648', { kind: 'invalid' }],
    ['0', { kind: 'invalid' }],
    ['-1', { kind: 'invalid' }],
    ['007', { kind: 'invalid' }],
    ['1.5', { kind: 'invalid' }],
    ['1e3', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
    ['abc', { kind: 'invalid' }],
    [['1', '2'], { kind: 'invalid' }],
  ])('%p → %p', (header, expected) => {
    expect(parseActFor(header)).toEqual(expected);
  });
});

describe('decideActFor', () => {
  const cases: [string, ActForInput, string][] = [
    [
      'a bound daughter in another community',
      { actor: daughterInB, target: mother, policy: both, bound: true },
      'family',
    ],
    [
      'an unbound resident',
      { actor: stranger, target: mother, policy: both, bound: false },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'a bound daughter on a route without a policy',
      { actor: daughterInB, target: mother, policy: null, bound: true },
      '403 PROXY_NOT_ALLOWED',
    ],
    [
      'a bound daughter on a desk-only route',
      { actor: daughterInB, target: mother, policy: deskOnly, bound: true },
      '403 PROXY_NOT_ALLOWED',
    ],
    [
      'a pending daughter, bound',
      { actor: person(2, 'resident', 2, 'pending'), target: mother, policy: both, bound: true },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'a bound daughter for a disabled elder',
      { actor: daughterInB, target: person(1, 'resident', 1, 'disabled'), policy: both, bound: true },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'anyone naming a user that does not exist',
      { actor: daughterInB, target: null, policy: both, bound: false },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    ['anyone naming oneself', { actor: daughterInB, target: daughterInB, policy: null, bound: false }, 'self'],
    [
      'a resident naming staff',
      { actor: daughterInB, target: staffG, policy: both, bound: true },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    ['staff for a resident of their community', { actor: staffG, target: mother, policy: both, bound: false }, 'desk'],
    [
      'staff for an offline (pending) resident of theirs',
      { actor: staffG, target: pendingElder, policy: deskOnly, bound: false },
      'desk',
    ],
    [
      'staff for a resident of another community',
      { actor: staffB, target: mother, policy: both, bound: false },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'staff without a community',
      { actor: person(13, 'staff', null), target: mother, policy: both, bound: false },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'staff for another staff member',
      { actor: staffG, target: person(14, 'staff', 1), policy: both, bound: false },
      '404 PROXY_TARGET_NOT_FOUND',
    ],
    [
      'staff on a route without a policy',
      { actor: staffG, target: mother, policy: null, bound: false },
      '403 PROXY_NOT_ALLOWED',
    ],
    [
      'the admin for any resident of the street',
      { actor: admin, target: daughterInB, policy: both, bound: false },
      'desk',
    ],
  ];
  it.each(cases)('%s → %s', (_name, input, expected) => {
    const decision = decideActFor(input);
    const got = decision.allowed ? (decision.kind ?? 'self') : `${decision.status} ${decision.code}`;
    expect(got).toBe(expected);
  });
});

describe('proxyRecordOf', () => {
  type Proxy = Parameters<typeof proxyRecordOf>[0];
  const family: Proxy = {
    kind: 'family',
    actor: { name: '王芳' },
    onBehalfOf: { id: 1, name: '李秀英' },
    relation: '女儿',
    label: '预约活动室',
  };
  it.each<[string, Proxy, unknown, Partial<ReturnType<typeof proxyRecordOf>>]>([
    [
      'a daughter booking (the response names the booking)',
      family,
      { id: 77, status: 'approved' },
      {
        action: 'proxy.family',
        targetId: 1,
        summary: '亲情代办：女儿 王芳 为 李秀英 预约活动室（编号 77）',
        inbox: '由 女儿 王芳 代办：预约活动室（编号 77）。如有疑问，可在“我的-亲情代办”中查看或解除绑定。',
      },
    ],
    [
      'an act whose transaction returned the new record’s id',
      { ...family, label: '提交诉求' },
      12,
      { summary: '亲情代办：女儿 王芳 为 李秀英 提交诉求（编号 12）' },
    ],
    ['an act without a record id', family, { ok: true }, { summary: '亲情代办：女儿 王芳 为 李秀英 预约活动室' }],
    ['an empty response', family, undefined, { summary: '亲情代办：女儿 王芳 为 李秀英 预约活动室' }],
    [
      'desk staff for a resident without a name',
      { ...family, kind: 'desk', relation: '社区工作人员', actor: { name: '张三' }, onBehalfOf: { id: 9, name: null } },
      { id: '5' },
      { action: 'proxy.desk', summary: '窗口代办：社区工作人员 张三 为 居民 9 预约活动室' },
    ],
  ])('%s', (_name, proxy, response, expected) => {
    expect(proxyRecordOf(proxy, response)).toMatchObject(expected);
  });
});
