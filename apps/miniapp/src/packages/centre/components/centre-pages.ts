import Taro from '@tarojs/taro';

/** The pages of the 活动中心 subpackage (the home page links to `index` by its literal path). */
export const centrePages = {
  index: '/packages/centre/pages/index/index',
  groups: '/packages/centre/pages/groups/index',
  group: '/packages/centre/pages/group/index',
  propose: '/packages/centre/pages/propose/index',
  events: '/packages/centre/pages/events/index',
  event: '/packages/centre/pages/event/index',
  book: '/packages/centre/pages/book/index',
  eventNew: '/packages/centre/pages/event-new/index',
} as const;

export function openGroup(id: number): void {
  void Taro.navigateTo({ url: `${centrePages.group}?id=${id}` });
}

export function openEvent(id: number): void {
  void Taro.navigateTo({ url: `${centrePages.event}?id=${id}` });
}

/** `?id=` of the page, or null when it is missing or not a number. */
export function idParam(value: string | undefined): number | null {
  return /^\d+$/.test(value ?? '') ? Number(value) : null;
}
