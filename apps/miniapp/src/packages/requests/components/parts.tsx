import { Image, Text, View } from '@tarojs/components';
import {
  requestCategoryLabels,
  requestLightLabels,
  requestStatusLabels,
  type RequestLight,
  type RequestPhoto,
  type RequestStatus,
  type RequestView,
} from '@linli/shared-types';
import { previewPhotos, usePhotoSource } from '../../../hooks/usePhotoSource';
import { formatShanghaiTime } from '../../../lib/time';

/** A shape beside the word, so the light reads without colour too (and the word says it outright). */
const lightGlyph: Record<RequestLight, string> = { green: '●', yellow: '▲', red: '■' };

/** The deadline light: word and colour, never colour only. Closed requests keep the light they ended with. */
export function LightBadge({ light }: { light: RequestLight }) {
  return (
    <Text className={`lk-req-light lk-req-light--${light} e2e-request-light e2e-request-light-${light}`}>
      {`${lightGlyph[light]} ${requestLightLabels[light]}`}
    </Text>
  );
}

export function StatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Text className={`lk-req-status lk-req-status--${status} e2e-request-status e2e-request-status-${status}`}>
      {requestStatusLabels[status]}
    </Text>
  );
}

/** Where it happened: the building and the free text. */
export function placeText(request: Pick<RequestView, 'buildingName' | 'place'>): string {
  return [request.buildingName, request.place].filter(Boolean).join(' · ');
}

/** One photo served by the API (it needs the session's token), tapped to see it full screen. */
export function PhotoThumb({ photo, all }: { photo: RequestPhoto; all?: RequestPhoto[] }) {
  const thumb = usePhotoSource(photo.thumbnailUrl);
  const list = all ?? [photo];
  const open = () => previewPhotos(list, list.indexOf(photo));
  return (
    <View className="lk-req-photo e2e-request-photo" onClick={() => void open()}>
      {thumb.src ? <Image className="lk-req-photo__img" src={thumb.src} mode="aspectFill" /> : null}
      {!thumb.src ? <Text className="lk-req-photo__hint">{thumb.failed ? '加载失败' : '加载中'}</Text> : null}
    </View>
  );
}

export function PhotoRow({ photos }: { photos: RequestPhoto[] }) {
  if (!photos.length) return null;
  return (
    <View className="lk-req-photos">
      {photos.map((photo) => (
        <PhotoThumb key={photo.id} photo={photo} all={photos} />
      ))}
    </View>
  );
}

/** A request in a list: light and status first (what a resident wants to know), then what and where. */
export function RequestCard({
  request,
  onOpen,
  footer,
}: {
  request: RequestView;
  onOpen(): void;
  footer?: JSX.Element;
}) {
  const place = placeText(request);
  return (
    <View className={`lk-card lk-req-card e2e-request-card e2e-request-card-${request.id}`} onClick={onOpen}>
      <View className="lk-req-card__tags">
        <StatusBadge status={request.status} />
        <LightBadge light={request.light} />
        <Text className="lk-mark">{requestCategoryLabels[request.category]}</Text>
        {request.urgent ? <Text className="lk-mark lk-mark--pinned">紧急</Text> : null}
      </View>
      <Text className="lk-req-card__title">{request.title}</Text>
      {place ? <Text className="lk-muted lk-req-card__place">{place}</Text> : null}
      <View className="lk-req-card__foot">
        <Text className="lk-muted">{formatShanghaiTime(request.createdAt)}</Text>
        {request.public ? <Text className="lk-muted e2e-request-seconds">{`${request.seconds} 人也遇到`}</Text> : null}
      </View>
      {footer ?? null}
    </View>
  );
}
