import { Navigate, Route, Routes } from 'react-router-dom';
import { AuditPage } from './pages/audit-page';
import { BookingsPage } from './pages/bookings-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { NoticeEditorPage } from './pages/notice-editor-page';
import { NoticeStatsPage } from './pages/notice-stats-page';
import { NoticesPage } from './pages/notices-page';
import { ResidentsPage } from './pages/residents-page';
import { TimebankPage } from './pages/timebank-page';
import { UnderConstructionPage } from './pages/under-construction-page';
import { RequireStaff } from './session/require-staff';

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireStaff />}>
        <Route index element={<Navigate to="/residents" replace />} />
        <Route path="notices" element={<NoticesPage />} />
        <Route path="notices/new" element={<NoticeEditorPage />} />
        <Route path="notices/:id/edit" element={<NoticeEditorPage />} />
        <Route path="notices/:id/stats" element={<NoticeStatsPage />} />
        <Route path="bookings" element={<BookingsPage />} />
        <Route path="bookings/:section" element={<BookingsPage />} />
        <Route path="activities" element={<UnderConstructionPage feature="志愿活动" />} />
        <Route path="timebank" element={<TimebankPage />} />
        <Route path="timebank/:section" element={<TimebankPage />} />
        <Route path="residents" element={<ResidentsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
