import type { RequestPhoto } from '@linli/shared-types';
import { Flex, Image, Skeleton, Typography } from 'antd';
import { usePhotoUrl } from '../../hooks/useRequests';

function Photo({ photo, index }: { photo: RequestPhoto; index: number }) {
  const thumb = usePhotoUrl(photo.thumbnailUrl);
  const full = usePhotoUrl(photo.url);
  if (thumb.isError) return <Typography.Text type="secondary">照片加载失败</Typography.Text>;
  if (!thumb.src) return <Skeleton.Image active style={{ width: 96, height: 96 }} />;
  return (
    <Image
      width={96}
      height={96}
      style={{ objectFit: 'cover', borderRadius: 6 }}
      src={thumb.src}
      preview={full.src ? { src: full.src } : false}
      alt={`照片 ${index + 1}`}
      data-testid="request-photo"
    />
  );
}

/** Photos of a request or a progress note; the full image opens in antd's preview. */
export function RequestPhotos({ photos }: { photos: RequestPhoto[] }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {photos.map((photo, index) => (
          <Photo key={photo.id} photo={photo} index={index} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
