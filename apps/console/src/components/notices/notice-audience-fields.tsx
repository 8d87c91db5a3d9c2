import { Alert, Button, Checkbox, Empty, Form, Radio, Spin } from 'antd';
import type { useBuildings } from '../../hooks/useBuildings';
import type { NoticeFormValues } from '../../lib/notice-form';

/** 发送对象: the whole community, or chosen buildings (with the list's loading, error and empty states). */
export function NoticeAudienceFields({
  mode,
  buildings,
}: {
  mode: NoticeFormValues['audienceMode'] | undefined;
  buildings: ReturnType<typeof useBuildings>;
}) {
  return (
    <>
      <Form.Item name="audienceMode" label="发送对象" required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'community', label: '全社区' },
            { value: 'buildings', label: '指定楼栋' },
          ]}
          data-testid="notice-audience-mode"
        />
      </Form.Item>
      {mode === 'buildings' &&
        (buildings.isSuccess && buildings.data.length > 0 ? (
          <Form.Item
            name="audienceBuildingIds"
            label="选择楼栋"
            rules={[{ type: 'array', min: 1, required: true, message: '请至少选择一个楼栋' }]}
            extra="只有这些楼栋的已认证居民会收到这条公告。"
          >
            <Checkbox.Group
              options={buildings.data.map((building) => ({ value: building.id, label: building.name }))}
              data-testid="notice-audience-buildings"
            />
          </Form.Item>
        ) : (
          <Form.Item label="选择楼栋" required>
            {buildings.isError ? (
              <Alert
                type="error"
                showIcon
                title={`楼栋加载失败：${buildings.error.message}`}
                action={
                  <Button size="small" onClick={() => buildings.refetch()}>
                    重试
                  </Button>
                }
              />
            ) : buildings.isSuccess ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本社区还没有楼栋，请选择全社区" />
            ) : (
              <Spin size="small" />
            )}
          </Form.Item>
        ))}
    </>
  );
}
