import { ChoiceSegmented } from '../components/choice-segmented';
import { CloseOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import type { AttendancePurpose } from '@linli/shared-types';
import { Alert, Button, Spin, theme } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { liveCodeRefreshDelay, useActivity, useLiveCode } from '../hooks/useActivities';
import { activityTimeRange } from '../lib/activity-form';
import { routeId } from '../components/load-states';

const purposeLabels: Record<AttendancePurpose, string> = { checkin: '签到', checkout: '签退' };

function parsePurpose(value: string | null): AttendancePurpose {
  return value === 'checkout' ? 'checkout' : 'checkin';
}

/** Seconds left before `at` (ms), ticking every quarter second. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The QR of `text` as a data URL (the qrcode library, error correction M: a projector photographed at an angle still reads). */
function useQrDataUrl(text: string | undefined): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!text) return;
    let current = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 720 })
      .then((url) => current && setState({ url, failed: false }))
      .catch(() => current && setState({ url: null, failed: true }));
    return () => {
      current = false;
    };
  }, [text]);
  return state;
}

/**
 * /activities/:id/live?purpose=checkin|checkout — full screen for a projector or a tablet at the door:
 * the rotating code (new every 30 s), a countdown to the next one and the live count of volunteers checked in.
 */
export function ActivityLivePage() {
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const params = useParams();
  const activityId = routeId(params.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const purpose = parsePurpose(searchParams.get('purpose'));
  const activity = useActivity(activityId ?? undefined);
  const live = useLiveCode(activityId ?? undefined, purpose);
  const code = live.data?.purpose === purpose ? live.data : undefined;
  const qr = useQrDataUrl(code?.code);
  const nextRefreshAt = code ? live.dataUpdatedAt + liveCodeRefreshDelay(code.expiresAt, live.dataUpdatedAt) : null;
  const secondsLeft = useSecondsUntil(nextRefreshAt);
  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  const selectPurpose = (next: AttendancePurpose) => setSearchParams({ purpose: next }, { replace: true });
  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    void navigate('/activities');
  };

  return (
    <div className="live-code-screen" style={{ background: token.colorBgLayout }} data-testid="live-code-page">
      <div className="live-code-screen__bar">
        <ChoiceSegmented<AttendancePurpose>
          label="签到或签退"
          size="large"
          value={purpose}
          onChange={selectPurpose}
          options={[
            { value: 'checkin', label: '签到' },
            { value: 'checkout', label: '签退' },
          ]}
          data-testid="live-purpose-toggle"
        />
        <span style={{ flex: 1 }} />
        <Button icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFullscreen}>
          {fullscreen ? '退出全屏' : '全屏'}
        </Button>
        <Button icon={<CloseOutlined />} onClick={exit} data-testid="live-exit">
          返回
        </Button>
      </div>

      <div className="live-code-screen__main">
        <h1 className="live-code-screen__title" data-testid="live-activity-title">
          {activity.data?.title ?? (activity.isError ? '志愿活动' : '…')}
        </h1>
        {activity.data && (
          <div className="live-code-screen__meta">
            {activityTimeRange(activity.data)} · {activity.data.place}
          </div>
        )}
        {/* Projected in a lit room: every text here is at least 4.5:1 on the screen's grey (main.css). */}
        <div className={`live-code-screen__purpose live-code-screen__purpose--${purpose}`} data-testid="live-purpose">
          请打开「邻里」小程序扫码{purposeLabels[purpose]}
        </div>

        {live.isError && !code ? (
          <Alert
            type="error"
            showIcon
            title={`${purposeLabels[purpose]}码获取失败：${live.error.message}`}
            action={<Button onClick={() => live.refetch()}>重试</Button>}
            style={{ maxWidth: 640 }}
          />
        ) : (
          <div className="live-code-screen__qr-frame">
            {qr.url && code ? (
              <img
                className="live-code-screen__qr"
                src={qr.url}
                alt={`${purposeLabels[purpose]}二维码`}
                data-testid="live-code-qr"
                data-code={code.code}
                data-short-code={code.shortCode}
              />
            ) : qr.failed ? (
              <Alert type="error" title="二维码生成失败，请刷新页面" />
            ) : (
              <Spin size="large" />
            )}
          </div>
        )}

        {code && (
          <>
            <div className="live-code-screen__typed">
              <span>无法扫码？在小程序扫码页输入</span>
              <strong className="live-code-screen__short" data-testid="live-short-code">
                {code.shortCode.slice(0, 4)} {code.shortCode.slice(4)}
              </strong>
            </div>
            <div className="live-code-screen__stats">
              <span>
                {secondsLeft !== null && secondsLeft > 0 ? `${secondsLeft} 秒后更新` : '正在更新…'}
                {live.isError && '（网络异常，正在重试）'}
              </span>
              <span>
                已签到 <strong data-testid="live-checked-in">{code.checkedIn}</strong> 人
                {activity.data && ` / 报名 ${activity.data.signedUp} 人`}
              </span>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
