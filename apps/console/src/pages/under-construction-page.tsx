import { ToolOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { PageHeader } from '../layout/page-header';

/** Modules that later issues build; deliberately empty rather than filled with made-up data. */
export function UnderConstructionPage({ feature }: { feature: string }) {
  return (
    <>
      <PageHeader title={feature} />
      <Card>
        <Result
          icon={<ToolOutlined />}
          title="功能建设中"
          subTitle={`「${feature}」模块正在建设，上线后可在这里使用。`}
          data-testid="under-construction"
        />
      </Card>
    </>
  );
}
