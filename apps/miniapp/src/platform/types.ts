import type { LoginResponse } from '@linli/shared-types';

/*
 * One interface per platform capability. Each capability `x` has `x.weapp.ts` and `x.h5.ts`; Taro's
 * MultiPlatformPlugin picks the file of the build target for a relative import of `./x`, and `x.ts`
 * (the fallback for other targets) gives TypeScript the shared signature.
 */

export interface PlatformLogin {
  /** The identity provider of this platform, or null when there is none (h5 in a browser). */
  readonly provider: 'wechat' | null;
  /** Logs in with the platform identity; resolves null when the platform has none. Throws ApiRequestError. */
  login(options?: { community?: string }): Promise<LoginResponse | null>;
}

export interface PlatformScanner {
  /** Scans a QR or bar code; resolves the text, or null when the user cancelled. */
  scan(options?: { hint?: string }): Promise<string | null>;
}

export interface GeoPosition {
  lat: number;
  lng: number;
  /** Metres, when the platform reports it. */
  accuracy?: number;
}

export interface PlatformLocation {
  /** WGS84 position, or null when denied or unavailable (callers send the request without it). */
  current(): Promise<GeoPosition | null>;
  /** Shows a place on a map: WeChat's own map on weapp, a web map in a browser. */
  showOnMap(place: { lat: number; lng: number; name: string; address: string }): void;
}

/** A privacy-scoped WeChat API is waiting for the user's consent. */
export interface PrivacyRequest {
  agree(): void;
  disagree(): void;
}

export interface PlatformPrivacy {
  /** id of the button that must carry open-type="agreePrivacyAuthorization" on weapp. */
  readonly agreeButtonId: string;
  /** weapp: consent is given by a button with that open-type (a plain click does not count); elsewhere by a click. */
  readonly agreesThroughOpenType: boolean;
  /** Calls `listener` whenever the platform asks for privacy consent; returns an unsubscribe. */
  watch(listener: (request: PrivacyRequest) => void): () => void;
}

/** A photo the user picked, not yet uploaded. */
export interface PickedPhoto {
  /** A local path (weapp temp file) or an object URL (h5), fit for <Image src>. */
  path: string;
  size: number;
  /** h5: the picked file itself (sent as multipart); weapp uploads by path. */
  file?: Blob;
}

/** An upload under way: its answer, and a way to give up on it. */
export interface PhotoUploadTask<T> {
  done: Promise<T>;
  abort(): void;
}

export interface PlatformPhotos {
  /** Opens the camera or album for up to `count` images; resolves [] when the user cancelled. */
  pick(count: number): Promise<PickedPhoto[]>;
  /**
   * Sends one photo as multipart field `field` to `url` with the session's Bearer token; `onProgress`
   * gets 0–100. `done` rejects with an ApiRequestError (status 0 for network failures and aborts).
   */
  upload<T>(url: string, field: string, photo: PickedPhoto, onProgress: (percent: number) => void): PhotoUploadTask<T>;
  /**
   * A source for <Image> of a photo the API serves only with the Authorization header (an absolute
   * API URL): a downloaded temp file on weapp, an object URL on h5. Rejects with an ApiRequestError.
   */
  source(url: string): Promise<string>;
}

/** 朗读: reads a text aloud in Chinese. */
export interface PlatformSpeech {
  /** False where the platform has no speech (the 朗读 button is hidden then). */
  readonly available: boolean;
  /** Starts reading `text` (stopping what was being read); `onEnd` runs when it ends, stops or fails. */
  speak(text: string, onEnd: () => void): void;
  stop(): void;
}

export interface PlatformScreen {
  /** Keeps the screen from dimming while a code is on it; returns the undo. */
  keepOn(): () => void;
}

export interface PlatformShell {
  /**
   * Once at launch. H5: names Taro's navigation-bar buttons (返回, 首页), keeps its tab-bar links free of
   * `javascript:` URLs (a CSP violation on every tap), and turns a page that failed to download into a
   * message with 重试. Elsewhere the platform draws these itself.
   */
  install(): void;
  /** The first page is on screen: the H5 splash in index.html goes. */
  firstPageShown(): void;
  /** Calls `listener` with the connection state whenever it changes; returns an unsubscribe. */
  watchOnline(listener: (online: boolean) => void): () => void;
}
