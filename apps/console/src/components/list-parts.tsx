import type { ReactNode } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';

/** A list's page could not load: why, and 重试. Renders nothing while the query is fine. */
export function ListError({
  title,
  query,
}: {
  title: string;
  query: { isError: boolean; error: Error | null; refetch(): unknown };
}) {
  if (!query.isError) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={`${title}：${query.error?.message ?? ''}`}
      action={
        <Button size="small" onClick={() => query.refetch()}>
          重试
        </Button>
      }
    />
  );
}

interface LoadMoreProps {
  query: { hasNextPage: boolean; fetchNextPage(): unknown; isFetchingNextPage: boolean };
  testId: string;
  /** Said once every page is shown, e.g. 已显示全部 12 个活动. */
  children: ReactNode;
}

/** The foot of a cursor-paged list: 加载更多 while there are pages left, then how many are shown. */
export function LoadMore({ query, testId, children }: LoadMoreProps) {
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      {query.hasNextPage ? (
        <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid={testId}>
          加载更多
        </Button>
      ) : (
        <Typography.Text type="secondary">{children}</Typography.Text>
      )}
    </Flex>
  );
}
