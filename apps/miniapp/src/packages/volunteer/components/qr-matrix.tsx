import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { create } from 'qrcode/lib/core/qrcode';

/** Dark and light runs of one row, so a row is a handful of Views rather than one per module. */
function rowRuns(get: (col: number) => boolean, size: number): Array<{ dark: boolean; length: number }> {
  const runs: Array<{ dark: boolean; length: number }> = [];
  for (let col = 0; col < size; col++) {
    const dark = get(col);
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.length++;
    else runs.push({ dark, length: 1 });
  }
  return runs;
}

/**
 * A QR code drawn with plain Views (no canvas), the same on weapp and h5. `sizePx` is the width of the
 * code without its quiet zone.
 */
export function QrMatrix({ text, sizePx, className }: { text: string; sizePx: number; className?: string }) {
  const rows = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    return Array.from({ length: modules.size }, (_, row) => rowRuns((col) => modules.get(row, col), modules.size));
  }, [text]);
  const cell = sizePx / rows.length;
  return (
    <View className={className} style={{ padding: `${cell * 4}px`, background: '#fff', display: 'inline-block' }}>
      {rows.map((runs, r) => (
        <View key={r} style={{ display: 'flex', height: `${cell}px` }}>
          {runs.map((run, i) => (
            <View
              key={i}
              style={{ width: `${run.length * cell}px`, height: `${cell}px`, background: run.dark ? '#000' : '#fff' }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
