import type { ReactNode } from 'react';
import { Flex, Result, Spin } from 'antd';
import { ApiRequestError } from '../services/http';

/** A page's record is on its way. */
export function PageLoading({ text }: { text: string }) {
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <Spin description={text} />
    </Flex>
  );
}

/** A page's record could not be loaded: 404 when it does not exist (or is another community's), else the error. */
export function LoadFailed({ title, error, extra }: { title: string; error: Error; extra?: ReactNode }) {
  return (
    <Result
      status={error instanceof ApiRequestError && error.statusCode === 404 ? '404' : 'error'}
      title={title}
      subTitle={error.message}
      extra={extra}
    />
  );
}

/** The `:id` of a route as a positive whole number, or null when it is not one. */
export function routeId(raw: string | undefined): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
}
