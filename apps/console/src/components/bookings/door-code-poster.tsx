import { PrinterOutlined } from '@ant-design/icons';
import type { RoomView } from '@linli/shared-types';
import { Alert, Button, Modal, Skeleton, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDoorCode } from '../../hooks/useRooms';

/** The door QR poster of a room: printed (only the poster, see main.css) and hung at the door. */
export function DoorCodePoster({ room, onClose }: { room: RoomView | null; onClose: () => void }) {
  const doorCode = useDoorCode(room?.id ?? null);
  const [svg, setSvg] = useState<string | null>(null);
  const [renderError, setRenderError] = useState(false);
  const code = doorCode.data?.code;

  useEffect(() => {
    setSvg(null);
    setRenderError(false);
    if (!code) return;
    let current = true;
    QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((text) => current && setSvg(text))
      .catch(() => current && setRenderError(true));
    return () => {
      current = false;
    };
  }, [code]);

  if (!room) return null;
  const roomName = doorCode.data?.roomName ?? room.name;

  return (
    <Modal
      open
      title="门牌码"
      onCancel={onClose}
      width={520}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!svg}
          onClick={() => window.print()}
          data-testid="door-code-print"
        >
          打印
        </Button>,
      ]}
    >
      {doorCode.isError && <Alert type="error" showIcon title={`门牌码获取失败：${doorCode.error.message}`} />}
      <PosterContent roomName={roomName} svg={svg} renderError={renderError} testIds />
      {/* The printed copy sits directly under <body>: print CSS hides every other child of body, the modal included. */}
      {svg &&
        createPortal(
          <div className="door-code-print-root">
            <PosterContent roomName={roomName} svg={svg} renderError={false} />
          </div>,
          document.body,
        )}
    </Modal>
  );
}

function PosterContent({
  roomName,
  svg,
  renderError,
  testIds = false,
}: {
  roomName: string;
  svg: string | null;
  renderError: boolean;
  testIds?: boolean;
}) {
  return (
    <div className="door-code-poster" data-testid={testIds ? 'door-code-poster' : undefined}>
      <div className="door-code-poster__brand">邻里 · 社区活动中心</div>
      <h1 className="door-code-poster__room">{roomName}</h1>
      {svg ? (
        // The SVG comes from the qrcode library, not from user input.
        <div
          className="door-code-poster__qr"
          data-testid={testIds ? 'door-code-qr' : undefined}
          role="img"
          aria-label={`${roomName}签到二维码`}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : renderError ? (
        <Alert type="error" title="二维码生成失败，请刷新后重试" />
      ) : (
        <Skeleton.Node active style={{ width: 280, height: 280 }} />
      )}
      <div className="door-code-poster__title">扫码签到</div>
      <ol className="door-code-poster__steps">
        <li>打开“邻里”小程序，进入“预约”</li>
        <li>点击我的预约中的“签到”，扫描上方二维码</li>
        <li>请在预约开始前 15 分钟至开始后 15 分钟内签到，逾时未签到将记为爽约</li>
      </ol>
      <Typography.Text type="secondary" className="door-code-poster__foot">
        无法扫码？请联系社区工作人员代为签到
      </Typography.Text>
    </div>
  );
}
