import { Segmented, type SegmentedProps } from 'antd';

/**
 * antd's Segmented, one Tab stop and named in Chinese. antd makes the group itself a Tab stop where the arrows do
 * nothing (they work on the selected option, the next stop) and names it "segmented control"; here Tab goes straight to
 * the selected option, the arrows choose another, and the group is named by `label` (e2e console-keyboard).
 */
export function ChoiceSegmented<T extends string | number>({ label, ...props }: SegmentedProps<T> & { label: string }) {
  return <Segmented<T> {...props} tabIndex={-1} aria-label={label} />;
}
