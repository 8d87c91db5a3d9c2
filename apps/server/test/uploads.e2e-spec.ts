import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Upload } from '../src/uploads/upload.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';

/** A real JPEG with EXIF GPS (Chengdu) and a camera model, as a phone would send. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'LinliPhone', Model: 'TestCam 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '104/1 4/1 0/1' },
    })
    .toBuffer();
}

describe(`uploads over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let dir: string;
  let zhang: string; // G
  let wang: string; // G neighbour
  let sun: string; // B
  let pending: string;
  let staffG: string;
  let staffB: string;

  const upload = (
    token: string | undefined,
    bytes: Buffer,
    name = 'photo.jpg',
    type = 'image/jpeg',
    actFor?: number,
  ) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return fetch(`${t.url}${api}/uploads`, {
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(actFor ? { 'x-act-for': String(actFor) } : {}),
      },
      body: form,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  };
  const get = (token: string | undefined, path: string) =>
    fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const files = () => readdirSync(dir).length;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-uploads-'));
    t = await startTestApp({ env: { UPLOAD_DIR: dir } });
    [zhang, wang, sun, pending] = (
      await Promise.all(['13800000003', '13800000004', '13900000001', '13800000009'].map((p) => t.loginResident(p)))
    ).map((l) => l.token);
    [staffG, staffB] = (await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)))).map((l) => l.token);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bound family member uploads and views a photo for the elder (X-Act-For); a stranger is refused', async () => {
    const [mother, daughter] = await Promise.all(['13800000005', '13800000006'].map((p) => t.loginResident(p)));
    const code = (await t.request('POST', `${api}/me/family-codes`, { token: mother.token })).body.code as string;
    expect((await t.request('POST', `${api}/family/bind`, { token: daughter.token, body: { code } })).status).toBe(201);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer();

    const made = await upload(daughter.token, png, 'for-mum.png', 'image/png', mother.user.id);
    expect(made.status).toBe(201);
    const row = await t.dataSource.getRepository(Upload).findOneByOrFail({ id: made.body.id });
    expect(row.userId).toBe(mother.user.id); // hers, so a request submitted for her may carry it
    expect((await get(mother.token, made.body.url)).status).toBe(200);
    const viewed = await fetch(`${t.url}${made.body.url}`, {
      headers: { authorization: `Bearer ${daughter.token}`, 'x-act-for': String(mother.user.id) },
    });
    expect(viewed.status).toBe(200);
    expect((await get(daughter.token, made.body.url)).status).toBe(404); // not the daughter's own photo
    const inbox = (await t.request('GET', `${api}/notifications?limit=5`, { token: mother.token })).body.items;
    expect(inbox[0].body).toContain('代办：上传照片');

    const before = files();
    const stranger = await upload(sun, png, 'x.png', 'image/png', mother.user.id);
    expect(stranger).toMatchObject({ status: 404 });
    expect(files()).toBe(before);
  });

  it('accepts a real JPEG and stores it re-encoded with its EXIF (GPS, camera) gone, plus a thumbnail', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    const res = await upload(zhang, original);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(res.body.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(res.body.url).toBe(`${api}/uploads/${res.body.id}`);
    expect(existsSync(join(dir, res.body.id))).toBe(true);

    const served = await get(zhang, res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toMatch(/private.*max-age=\d+/);
    const bytes = Buffer.from(await served.arrayBuffer());
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('LinliPhone'))).toBe(false);
    expect([after.width, after.height]).toEqual([640, 480]);

    const thumb = await get(zhang, res.body.thumbnailUrl);
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([320, 320]);
  });

  it('accepts PNG and WebP by their bytes', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#123456' } })
      .webp()
      .toBuffer();
    expect((await upload(zhang, png, 'a.png', 'image/png')).body).toMatchObject({ mime: 'image/png', width: 50 });
    // The name and declared type do not matter, the bytes do.
    expect((await upload(zhang, webp, 'a.jpg', 'image/jpeg')).body).toMatchObject({ mime: 'image/webp' });
  });

  it('refuses a script renamed .png, a GIF, a broken image and 6 MB, storing nothing', async () => {
    const before = { rows: await t.dataSource.getRepository(Upload).count(), files: files() };
    const script = Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n');
    expect(await upload(zhang, script, 'cat.png', 'image/png')).toMatchObject({
      status: 422,
      body: { code: 'UPLOAD_TYPE_UNSUPPORTED' },
    });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect((await upload(zhang, gif, 'a.gif', 'image/gif')).body.code).toBe('UPLOAD_TYPE_UNSUPPORTED');
    const jpeg = await jpegWithGps();
    const broken = Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(2000, 7)]);
    expect((await upload(zhang, broken)).body.code).toBe('UPLOAD_TYPE_UNSUPPORTED');
    const big = Buffer.concat([jpeg, Buffer.alloc(6 * 1024 * 1024, 1)]);
    expect(await upload(zhang, big)).toMatchObject({ status: 413, body: { code: 'UPLOAD_TOO_LARGE' } });
    // No file field, not multipart, not logged in, not verified.
    const empty = await fetch(`${t.url}${api}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${zhang}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect((await upload(undefined, jpeg)).status).toBe(401);
    expect((await upload(pending, jpeg)).status).toBe(403);
    expect({ rows: await t.dataSource.getRepository(Upload).count(), files: files() }).toEqual(before);
  });

  it('serves a photo only to those who may see its request; others get 404', async () => {
    const photo = (await upload(zhang, await jpegWithGps())).body;
    // Not yet used: only its uploader sees it.
    expect((await get(wang, photo.url)).status).toBe(404);
    expect((await get(staffG, photo.url)).status).toBe(404);
    const created = await t.request('POST', `${api}/requests`, {
      token: zhang,
      body: {
        category: 'repair',
        title: '墙皮脱落',
        description: '楼道墙皮掉了',
        urgent: false,
        public: false,
        photoIds: [photo.id],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.photos).toEqual([{ id: photo.id, url: photo.url, thumbnailUrl: photo.thumbnailUrl }]);
    // A private request: its submitter and the community's staff; not a neighbour, not another community.
    expect((await get(zhang, photo.url)).status).toBe(200);
    expect((await get(staffG, photo.thumbnailUrl)).status).toBe(200);
    expect((await get(wang, photo.url)).status).toBe(404);
    expect((await get(sun, photo.url)).status).toBe(404);
    expect((await get(staffB, photo.url)).status).toBe(404);
    expect((await get(undefined, photo.url)).status).toBe(401);
    // A photo is used once: another request cannot take it, nor can someone else's request.
    const again = await t.request('POST', `${api}/requests`, {
      token: zhang,
      body: {
        category: 'repair',
        title: '再用一次',
        description: '同一张照片',
        urgent: false,
        public: false,
        photoIds: [photo.id],
      },
    });
    expect(again.body.code).toBe('REQUEST_PHOTO_INVALID');
    const mine = (await upload(wang, await jpegWithGps())).body;
    const stolen = await t.request('POST', `${api}/requests`, {
      token: zhang,
      body: {
        category: 'repair',
        title: '别人的照片',
        description: '不是我的',
        urgent: false,
        public: true,
        photoIds: [mine.id],
      },
    });
    expect(stolen.body.code).toBe('REQUEST_PHOTO_INVALID');

    // A public request's photos are visible to the neighbours of its community.
    const open = (await upload(zhang, await jpegWithGps())).body;
    await t.request('POST', `${api}/requests`, {
      token: zhang,
      body: {
        category: 'sanitation',
        title: '垃圾堆放',
        description: '门口堆了很多垃圾',
        urgent: false,
        public: true,
        photoIds: [open.id],
      },
    });
    expect((await get(wang, open.url)).status).toBe(200);
    expect((await get(sun, open.url)).status).toBe(404);
    // Unknown and malformed ids.
    expect((await get(zhang, `${api}/uploads/${'A'.repeat(32)}`)).status).toBe(404);
    expect((await get(zhang, `${api}/uploads/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('progress notes carry photos that the resident sees on the timeline', async () => {
    const id = (
      await t.request('POST', `${api}/requests`, {
        token: zhang,
        body: { category: 'repair', title: '路灯不亮', description: '小区东门路灯', urgent: false, public: false },
      })
    ).body.id;
    await t.request('POST', `${api}/requests/${id}/accept`, { token: staffG, body: {} });
    const photo = (await upload(staffG, await jpegWithGps())).body;
    const progress = await t.request('POST', `${api}/requests/${id}/progress`, {
      token: staffG,
      body: { note: '已更换灯泡', photoIds: [photo.id] },
    });
    expect(progress.status).toBe(200);
    const step = progress.body.timeline.find((e: { kind: string }) => e.kind === 'progress');
    expect(step.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    expect(progress.body.photos).toEqual([]);
    expect((await get(zhang, photo.url)).status).toBe(200);
    expect((await get(wang, photo.url)).status).toBe(404);
  });
});
