/** Text helpers of the ECharts charts: axis labels and tooltip rows (tooltips are HTML, so names are escaped). */

export const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** 'YYYY-MM' on the x axis: "11月", with the year under the first month and every January; "本月" for the current one. */
export function monthAxisLabel(month: string, index: number, currentMonth?: string): string {
  if (month === currentMonth) return '本月';
  const [year, m] = month.split('-');
  return index === 0 || m === '01' ? `${Number(m)}月\n${year}年` : `${Number(m)}月`;
}

/** The ECharts params a tooltip formatter gets for one item (only the fields used here). */
export interface TooltipItem {
  dataIndex: number;
  seriesIndex?: number;
  seriesName?: string;
  marker?: string;
}

export const tooltipItems = (params: TooltipItem | TooltipItem[]) => (Array.isArray(params) ? params : [params]);

/** A whole-hour or one-decimal axis tick. */
export const hoursTick = (hours: number) => (Number.isInteger(hours) ? String(hours) : hours.toFixed(1));
