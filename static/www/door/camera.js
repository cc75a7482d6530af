// The camera: the browser's own BarcodeDetector where it reads QR codes,
// otherwise the vendored polyfill with its WebAssembly from our server.

// The decoder's sha256 (VERSION.txt): a new decoder is a new URL, so the
// phone may cache this one for good.
const WASM = '/vendor/barcode-detector/zxing_reader.wasm?v=2ebda08a93eea3ef';
const EVERY_MS = 110; // about 9 decodes a second
const CROP_MAX = 640;

/** makeDetector returns a QR detector and says which kind it is. */
export async function makeDetector() {
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) return { kind: 'native', detector: new window.BarcodeDetector({ formats: ['qr_code'] }) };
    } catch { /* fall through to the polyfill */ }
  }
  const mod = await import('/vendor/barcode-detector/ponyfill.js');
  mod.setZXingModuleOverrides({
    locateFile: (path, prefix) => (path.endsWith('.wasm') ? WASM : prefix + path),
  });
  await mod.prepareZXingModule({ fireImmediately: true });
  return { kind: 'wasm', detector: new mod.BarcodeDetector({ formats: ['qr_code'] }) };
}

/** Camera shows the back camera in video and reports each QR it reads. */
export class Camera {
  constructor(video, onCode, onState) {
    this.video = video;
    this.onCode = onCode;
    this.onState = onState;
    this.canvas = document.createElement('canvas');
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    this.running = false;
    this.stream = null;
    this.detector = null;
    this.decodes = 0;
  }

  async start() {
    if (this.running) return;
    if (!navigator.mediaDevices?.getUserMedia) { this.onState('unsupported'); return; }
    this.onState('starting');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } } });
      this.video.srcObject = this.stream;
      await this.video.play();
      this.detector ??= await makeDetector();
    } catch (e) {
      console.error('camera', e);
      this.stopStream();
      this.onState(e && e.name === 'NotAllowedError' ? 'denied' : 'failed');
      return;
    }
    this.running = true;
    this.onState('running', this.detector.kind);
    this.loop();
  }

  stop() {
    this.running = false;
    this.stopStream();
    this.onState('off');
  }

  stopStream() {
    for (const tr of this.stream?.getTracks() || []) tr.stop();
    this.stream = null;
    this.video.srcObject = null;
  }

  async loop() {
    while (this.running) {
      const t0 = performance.now();
      if (!document.hidden && this.video.readyState >= 2) await this.decodeFrame(this.video);
      const wait = Math.max(10, EVERY_MS - (performance.now() - t0));
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /**
   * decodeFrame reads the middle square of one picture, where the guide is,
   * and reports each QR in it: the loop gives it the video; anything a canvas
   * can draw will do (the tests give it a badge image where there is no
   * camera). It returns the codes read.
   */
  async decodeFrame(source) {
    const w = source.videoWidth ?? source.width, h = source.videoHeight ?? source.height;
    const side = Math.min(w, h);
    if (!side) return [];
    this.detector ??= await makeDetector();
    const out = Math.min(side, CROP_MAX);
    if (this.canvas.width !== out) { this.canvas.width = out; this.canvas.height = out; }
    this.ctx.drawImage(source, (w - side) / 2, (h - side) / 2, side, side, 0, 0, out, out);
    try {
      const codes = (await this.detector.detector.detect(this.canvas)).map((f) => f.rawValue).filter(Boolean);
      this.decodes++;
      for (const code of codes) this.onCode(code);
      return codes;
    } catch (e) {
      console.error('detect', e);
      return [];
    }
  }
}
