import { Button, Flex } from 'antd';
import type { NoticeIntent } from '../../hooks/useNoticeEditor';

/** 取消 / 保存草稿 / 保存并发布, or 保存修改 for a notice already scheduled. */
export function NoticeEditorActions({
  busy,
  scheduled,
  onCancel,
  onSubmit,
}: {
  busy: NoticeIntent | null;
  scheduled: boolean;
  onCancel: () => void;
  onSubmit: (intent: NoticeIntent) => void;
}) {
  return (
    <div className="notice-editor-actions">
      <Flex justify="flex-end" gap={12} wrap>
        <Button onClick={onCancel} disabled={busy !== null}>
          取消
        </Button>
        {scheduled ? (
          <Button
            type="primary"
            loading={busy === 'publish'}
            onClick={() => onSubmit('publish')}
            data-testid="notice-save-scheduled"
          >
            保存修改
          </Button>
        ) : (
          <>
            <Button loading={busy === 'draft'} onClick={() => onSubmit('draft')} data-testid="notice-save-draft">
              保存草稿
            </Button>
            <Button
              type="primary"
              loading={busy === 'publish'}
              onClick={() => onSubmit('publish')}
              data-testid="notice-save-publish"
            >
              保存并发布
            </Button>
          </>
        )}
      </Flex>
    </div>
  );
}
