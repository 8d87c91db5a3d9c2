import type { ReactNode } from 'react';
import { Alert, Badge, Button, Card, Empty, Flex, Skeleton } from 'antd';

interface WorkbenchCardProps {
  title: string;
  /** How many items need attention; shown as a badge beside the title. */
  count?: number;
  /** Where 查看全部 goes. */
  onMore?: () => void;
  query: { isLoading: boolean; isError: boolean; error: Error | null; refetch(): unknown };
  empty: string;
  isEmpty: boolean;
  testId: string;
  children: ReactNode;
}

/** One block of the 工作台: a title with its count, then loading, error (重试), empty or the list. */
export function WorkbenchCard({ title, count, onMore, query, empty, isEmpty, testId, children }: WorkbenchCardProps) {
  let body: ReactNode = children;
  if (query.isLoading) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (query.isError)
    body = (
      <Alert
        type="error"
        showIcon
        title={`加载失败：${query.error?.message ?? ''}`}
        action={
          <Button size="small" onClick={() => query.refetch()}>
            重试
          </Button>
        }
      />
    );
  else if (isEmpty) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;

  return (
    <Card
      data-testid={testId}
      title={
        <Flex align="center" gap={8}>
          <span>{title}</span>
          {count !== undefined && !query.isLoading && !query.isError ? (
            <Badge count={count} showZero color={count > 0 ? undefined : '#bfbfbf'} aria-label={`${count} 项`} />
          ) : null}
        </Flex>
      }
      extra={
        onMore ? (
          <Button type="link" onClick={onMore}>
            查看全部
          </Button>
        ) : null
      }
      style={{ height: '100%' }}
    >
      {body}
    </Card>
  );
}
