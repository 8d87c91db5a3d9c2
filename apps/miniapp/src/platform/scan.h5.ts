import type { PlatformScanner } from './types';

/*
 * A browser has no Taro.scanCode: a full-screen overlay decodes QR codes from the camera with
 * @zxing/browser (loaded on demand, so it stays out of the first screen's bundle) and always offers
 * a text field to type the code, for desktops, denied cameras and plain-http origins.
 */

const css = {
  root: 'position:fixed;inset:0;z-index:10000;background:#111;color:#fff;display:flex;flex-direction:column;font-size:17px;',
  bar: 'display:flex;align-items:center;justify-content:space-between;padding:12px 16px;',
  close:
    'min-width:64px;min-height:44px;font-size:17px;color:#fff;background:transparent;border:1px solid #fff;border-radius:22px;',
  stage:
    'position:relative;flex:1;min-height:200px;overflow:hidden;display:flex;align-items:center;justify-content:center;',
  video: 'position:absolute;inset:0;width:100%;height:100%;object-fit:cover;',
  frame:
    'position:relative;width:64vmin;height:64vmin;max-width:320px;max-height:320px;border:3px solid #4cd69b;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.45);',
  status: 'padding:12px 16px 0;text-align:center;line-height:1.5;',
  form: 'display:flex;gap:8px;padding:12px 16px 24px;',
  input: 'flex:1;min-height:48px;padding:0 12px;font-size:18px;border-radius:8px;border:none;color:#111;',
  submit: 'min-width:88px;min-height:48px;font-size:18px;color:#fff;background:#1a7f5a;border:none;border-radius:8px;',
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: string,
  props: Partial<HTMLElementTagNameMap[K]> = {},
) {
  const node = document.createElement(tag);
  node.setAttribute('style', style);
  Object.assign(node, props);
  return node;
}

function openScanOverlay(hint: string): Promise<string | null> {
  return new Promise((resolve) => {
    let stopCamera: (() => void) | undefined;
    let finished = false;

    const root = element('div', css.root, { className: 'lk-scan-overlay' });
    const bar = element('div', css.bar);
    const title = element('span', 'font-size:18px;font-weight:600;', { textContent: '扫一扫' });
    const close = element('button', css.close, { type: 'button', textContent: '取消', className: 'lk-scan-cancel' });
    bar.append(title, close);

    const stage = element('div', css.stage);
    const video = element('video', css.video, { muted: true, playsInline: true, autoplay: true });
    video.setAttribute('playsinline', 'true');
    stage.append(video, element('div', css.frame));

    const status = element('div', css.status, { textContent: hint, className: 'lk-scan-status' });
    const form = element('form', css.form);
    const input = element('input', css.input, {
      type: 'text',
      placeholder: '无法扫码时，输入屏幕上的数字码',
      className: 'lk-scan-input',
      autocomplete: 'off',
    });
    const submit = element('button', css.submit, { type: 'submit', textContent: '确定', className: 'lk-scan-submit' });
    form.append(input, submit);
    root.append(bar, stage, status, form);

    const finish = (value: string | null) => {
      if (finished) return;
      finished = true;
      stopCamera?.();
      document.removeEventListener('keydown', onKeyDown);
      root.remove();
      resolve(value);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') finish(null);
    };
    close.addEventListener('click', () => finish(null));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = input.value.trim();
      if (code) finish(code);
      else status.textContent = '请输入码后再确定';
    });
    document.addEventListener('keydown', onKeyDown);
    document.body.append(root);

    if (!navigator.mediaDevices?.getUserMedia) {
      status.textContent = '当前浏览器无法使用摄像头，请在下方输入码';
      return;
    }
    import('@zxing/browser')
      .then(({ BrowserQRCodeReader }) =>
        new BrowserQRCodeReader().decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result) => {
          if (result) finish(result.getText());
        }),
      )
      .then((controls) => {
        stopCamera = () => controls.stop();
        if (finished) controls.stop();
      })
      .catch(() => {
        if (!finished) status.textContent = '无法打开摄像头，请检查相机权限，或在下方输入码';
      });
  });
}

export const platformScanner: PlatformScanner = {
  scan(options) {
    return openScanOverlay(options?.hint ?? '将二维码放入框内，即可自动扫描');
  },
};
