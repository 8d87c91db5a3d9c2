import { requestEventLabels, roleLabels, type RequestEventKind, type RequestEventView } from '@linli/shared-types';
import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { RequestPhotos } from './request-photos';

const kindColors: Partial<Record<RequestEventKind, string>> = {
  submitted: 'gray',
  accepted: 'blue',
  progress: 'blue',
  resolved: 'green',
  rated: 'green',
  referred: 'purple',
  extended: 'orange',
  reopened: 'red',
  unreasonable_marked: 'red',
  unreasonable_confirmed: 'red',
};

function actorText(event: RequestEventView): string {
  if (!event.actor) return '系统';
  return `${roleLabels[event.actor.role]} ${event.actor.name ?? ''}`.trim();
}

/** Every step of a request, oldest first, as the resident also sees it. */
export function RequestTimeline({ events }: { events: RequestEventView[] }) {
  return (
    <Timeline
      data-testid="request-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: kindColors[event.kind] ?? 'gray',
        content: (
          <div data-testid={`request-step-${event.kind}`}>
            <Typography.Text strong>{requestEventLabels[event.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {formatDateTime(event.at)} · {actorText(event)}
            </Typography.Text>
            {event.note ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {event.note}
              </Typography.Paragraph>
            ) : null}
            <RequestPhotos photos={event.photos} />
          </div>
        ),
      }))}
    />
  );
}
