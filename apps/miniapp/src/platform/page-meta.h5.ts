/** Only weapp needs a page-meta node: a browser's root font size already follows the user's setting. */
export function PlatformPageMeta(): null {
  return null;
}
