import { helpRequestKindLabels, type HelpRequestKind } from '@linli/shared-types';
import { inShanghai } from '../../../lib/time';

/** A picture and a word for each kind: the word carries the meaning, the picture helps the eye (no colour-only signal). */
export const kindIcons: Record<HelpRequestKind, string> = {
  escort: '🏥',
  errands: '🛒',
  repair: '🔧',
  company: '💬',
  meals: '🍲',
  other: '🤝',
};

export const kindText = (kind: HelpRequestKind) => `${kindIcons[kind]} ${helpRequestKindLabels[kind]}`;

/** 12月3日 周三 14:30 起，约 1 小时 */
export function whenText(startAt: string, minutes: number): string {
  const start = inShanghai(startAt);
  const week = '日一二三四五六'[start.day()];
  const length = minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `${start.format('M月D日')} 周${week} ${start.format('HH:mm')} 起，约 ${length}`;
}
