import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageLoading } from './components/load-states';
import { ActivitiesPage } from './pages/activities-page';
import { ActivityAttendancePage } from './pages/activity-attendance-page';
import { ActivityEditorPage } from './pages/activity-editor-page';
import { ActivityLivePage } from './pages/activity-live-page';
import { AuditPage } from './pages/audit-page';
import { BookingsPage } from './pages/bookings-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { NoticeEditorPage } from './pages/notice-editor-page';
import { NoticeStatsPage } from './pages/notice-stats-page';
import { NoticesPage } from './pages/notices-page';
import { ResidentsPage } from './pages/residents-page';
import { TimebankPage } from './pages/timebank-page';
import { WorkbenchPage } from './pages/workbench-page';
import { RequestsPage } from './pages/requests-page';
import { RequestDetailPage } from './pages/request-detail-page';
import { RequireStaff } from './session/require-staff';

// The charts library is loaded only when someone opens the dashboard.
const RequestStatsPage = lazy(() =>
  import('./pages/request-stats-page').then((module) => ({ default: module.RequestStatsPage })),
);

// 活动中心 carries its report's charts: loaded when opened.
const CentrePage = lazy(() => import('./pages/centre-page').then((module) => ({ default: module.CentrePage })));

// 邻里互助 draws charts too.
const HelpPage = lazy(() => import('./pages/help-page').then((module) => ({ default: module.HelpPage })));

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireStaff />}>
        <Route index element={<WorkbenchPage />} />
        <Route path="requests" element={<RequestsPage />} />
        <Route
          path="requests/stats"
          element={
            <Suspense fallback={<PageLoading text="正在加载统计…" />}>
              <RequestStatsPage />
            </Suspense>
          }
        />
        <Route path="requests/:id" element={<RequestDetailPage />} />
        <Route path="notices" element={<NoticesPage />} />
        <Route path="notices/new" element={<NoticeEditorPage />} />
        <Route path="notices/:id/edit" element={<NoticeEditorPage />} />
        <Route path="notices/:id/stats" element={<NoticeStatsPage />} />
        <Route path="bookings" element={<BookingsPage />} />
        <Route path="bookings/:section" element={<BookingsPage />} />
        <Route path="activities" element={<ActivitiesPage section="list" />} />
        <Route path="activities/report" element={<ActivitiesPage section="report" />} />
        <Route path="activities/new" element={<ActivityEditorPage />} />
        <Route path="activities/:id/edit" element={<ActivityEditorPage />} />
        <Route path="activities/:id/live" element={<ActivityLivePage />} />
        <Route path="activities/:id/attendance" element={<ActivityAttendancePage />} />
        <Route
          path="centre/:section?"
          element={
            <Suspense fallback={<PageLoading text="正在加载…" />}>
              <CentrePage />
            </Suspense>
          }
        />
        <Route
          path="help/:section?"
          element={
            <Suspense fallback={<PageLoading text="正在加载…" />}>
              <HelpPage />
            </Suspense>
          }
        />
        <Route path="timebank" element={<TimebankPage />} />
        <Route path="timebank/:section" element={<TimebankPage />} />
        <Route path="residents" element={<ResidentsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
