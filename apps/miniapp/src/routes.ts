import Taro from '@tarojs/taro';
import { noticeDetailPage } from '@linli/shared-types';

export const routes = {
  home: '/pages/home/index',
  bookings: '/pages/bookings/index',
  volunteer: '/pages/volunteer/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  /** Subpackage: the inbox is one tap away from 我的, never the first screen. */
  inbox: '/packages/inbox/pages/index/index',
  /** Subpackage 时间银行, from the cell of 我的: account and statement, transfer, rewards, my redemptions. */
  timebank: '/packages/timebank/pages/index/index',
  timebankTransfer: '/packages/timebank/pages/transfer/index',
  timebankRewards: '/packages/timebank/pages/rewards/index',
  timebankRedemptions: '/packages/timebank/pages/redemptions/index',
  /** Subpackage 预约, from the 预约 tab: one room's day picker and slot grid (`?id=`), and 我的预约. */
  bookingRoom: '/packages/booking/pages/room/index',
  myBookings: '/packages/booking/pages/mine/index',
  /** Subpackage 志愿, from the 志愿 tab: one activity (`?id=`, also the server's notification link), 我的活动, 我的签到码. */
  activityDetail: '/packages/volunteer/pages/detail/index',
  myActivities: '/packages/volunteer/pages/mine/index',
  myCode: '/packages/volunteer/pages/code/index',
  /** Subpackage 亲情代办, from 我的: binding codes, bindings, the "为 妈妈 代办" switch. */
  family: '/packages/family/pages/index/index',
  /** Where unknown routes and stale links land (app.ts). */
  notFound: '/pages/not-found/index',
} as const;

/** Subpackage 诉求, from 首页 and 我的: submit, my requests, the community's public ones, one request (`?id=`). */
export const requestPages = {
  submit: '/packages/requests/pages/submit/index',
  mine: '/packages/requests/pages/mine/index',
  public: '/packages/requests/pages/public/index',
  detail: '/packages/requests/pages/detail/index',
} as const;

export function openRequest(id: number): void {
  void Taro.navigateTo({ url: `${requestPages.detail}?id=${id}` });
}

/** The server's inbox entries and WeChat messages link to the same page (shared-types `noticeDetailPage`). */
export function openNotice(id: number): void {
  void Taro.navigateTo({ url: `/${noticeDetailPage(id)}` });
}

function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const route = pages.length ? (pages[pages.length - 1].route ?? '') : '';
  return `/${route.replace(/^\//, '')}`;
}

/** Replaces the whole page stack with the login page (no way back into a logged-out app). */
export function goToLogin(): void {
  if (currentRoute().startsWith(routes.login)) return;
  void Taro.reLaunch({ url: routes.login });
}

export function goHome(): void {
  void Taro.reLaunch({ url: routes.home });
}
