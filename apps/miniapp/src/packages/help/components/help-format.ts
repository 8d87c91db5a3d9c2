import { helpRequestKindLabels, type HelpRequestKind } from '@linli/shared-types';
import { inShanghai } from '../../../lib/time';

/**
 * A mark and a word for each kind: the word carries the meaning, the one-character mark in its circle helps the eye.
 * Characters, not emoji: every phone and browser has the font (emoji are boxes where no emoji font is installed).
 */
const kindMarks: Record<HelpRequestKind, string> = {
  escort: '医',
  errands: '买',
  repair: '修',
  company: '聊',
  meals: '餐',
  other: '帮',
};

export const kindMark = (kind: HelpRequestKind) => kindMarks[kind];
export const kindLabel = (kind: HelpRequestKind) => helpRequestKindLabels[kind];

/** 12月3日 周三 14:30 起，约 1 小时 */
export function whenText(startAt: string, minutes: number): string {
  const start = inShanghai(startAt);
  const week = '日一二三四五六'[start.day()];
  const length = minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `${start.format('M月D日')} 周${week} ${start.format('HH:mm')} 起，约 ${length}`;
}
