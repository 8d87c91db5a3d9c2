import './lib/dayjs';
import './main.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConsoleRoutes } from './console-routes';
import { accessibleTheme } from './lib/accessible-theme';
import { ApiRequestError } from './services/http';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change on retry; network and server errors might.
      retry: (failureCount, error) =>
        !(error instanceof ApiRequestError && error.statusCode >= 400 && error.statusCode < 500) && failureCount < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* autoInsertSpace off: "认证" stays "认证" (not "认 证"), for people and for e2e selectors. */}
    {/* A dialog closes by its buttons only: the second click of a double click on 批准 used to land on the mask. */}
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      modal={{ mask: { closable: false } }}
      theme={accessibleTheme}
    >
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/console">
            <ConsoleRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  </StrictMode>,
);
