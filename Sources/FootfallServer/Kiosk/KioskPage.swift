import Hummingbird

/// `GET /kiosk/{door}`: the page a tablet at the door shows, full screen. It holds no secret of
/// its own: it is paired once with a kiosk key (opened as `/kiosk/DOOR#key=KEY`, or pasted
/// into its form), which it keeps in the browser's local storage and sends with each frame.
struct KioskPage {
    func add(to router: Router<FootfallRequestContext>) {
        router.get("kiosk/:door") { _, context -> Response in
            let door = try context.parameters.require("door")
            let page = Self.html.replacingOccurrences(of: "{{door}}", with: Self.escaped(door.removingPercentEncoding ?? door))
            return Response(status: .ok,
                            headers: [.contentType: "text/html; charset=utf-8",
                                      .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob:"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Footfall kiosk</title>
    <style>
      html, body { margin: 0; height: 100%; overflow: hidden; background: #111; color: #fff;
                   font-family: system-ui, sans-serif; }
      #stage { position: relative; height: 100%; display: flex; align-items: center; justify-content: center; }
      video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; transform: scaleX(-1); opacity: .55; }
      #guide { position: relative; width: min(46vw, 52vh); aspect-ratio: 3 / 4; border: .6vmin dashed rgba(255,255,255,.7);
               border-radius: 50%; transition: border-color .2s; }
      #panel { position: absolute; left: 0; right: 0; bottom: 0; padding: 4vh 4vw; text-align: center;
               background: rgba(0,0,0,.65); }
      #message { font-size: clamp(28px, 6vmin, 96px); font-weight: 700; margin: 0; }
      #detail { font-size: clamp(16px, 2.6vmin, 40px); margin: 1vh 0 0; opacity: .8; }
      body.welcome #panel { background: #1b7f3a; } body.welcome #guide { border-color: #3ddc84; border-style: solid; }
      body.refused #panel { background: #b35c00; } body.unknown #panel { background: #9c1c1c; }
      #pair { position: absolute; inset: 0; display: none; align-items: center; justify-content: center; background: #111; }
      #pair form { font-size: 24px; display: grid; gap: 12px; width: min(90vw, 640px); }
      #pair input, #pair button { font-size: 24px; padding: 12px; }
      body.unpaired #pair { display: flex; }
    </style>
    </head>
    <body>
    <div id="stage">
      <video id="camera" autoplay playsinline muted></video>
      <div id="guide"></div>
      <div id="panel"><p id="message">Starting the camera…</p><p id="detail">Door: {{door}}</p></div>
    </div>
    <div id="pair">
      <form id="pairing">
        <label for="key">Pair this kiosk with the door “{{door}}”: paste its kiosk key
          (<code>footfall keys create --role kiosk --door …</code>).</label>
        <input id="key" autocomplete="off" required>
        <button>Pair</button>
      </form>
    </div>
    <script>
    (() => {
      const door = document.getElementById('detail').textContent.replace(/^Door: /, '');
      const storageKey = 'footfall-kiosk-key:' + door;
      const state = { lastAnswer: null, decisions: [], errors: [] };
      window.footfallKiosk = state;
      const message = document.getElementById('message'), detail = document.getElementById('detail');
      const video = document.getElementById('camera');
      const canvas = document.createElement('canvas');

      const fragment = new URLSearchParams(location.hash.slice(1));
      if (fragment.get('key')) {
        localStorage.setItem(storageKey, fragment.get('key'));
        history.replaceState(null, '', location.pathname);
      }
      document.getElementById('pairing').addEventListener('submit', (event) => {
        event.preventDefault();
        localStorage.setItem(storageKey, document.getElementById('key').value.trim());
        document.body.classList.remove('unpaired');
        start();
      });

      function show(text, extra, mood) {
        message.textContent = text;
        detail.textContent = extra;
        document.body.className = mood || '';
      }

      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

      async function frame() {
        const width = Math.min(640, video.videoWidth), height = Math.round(video.videoHeight * width / video.videoWidth);
        canvas.width = width; canvas.height = height;
        canvas.getContext('2d').drawImage(video, 0, 0, width, height);
        return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      }

      async function loop() {
        for (;;) {
          const started = performance.now();
          try {
            const body = await frame();
            const response = await fetch('/api/v1/kiosk/' + encodeURIComponent(door) + '/frames', {
              method: 'POST', body, headers: { 'x-api-key': localStorage.getItem(storageKey), 'content-type': 'image/jpeg' } });
            const answer = await response.json();
            state.lastAnswer = answer;
            if (!response.ok) {
              state.errors.push(answer);
              if (response.status === 401 || response.status === 403) {
                localStorage.removeItem(storageKey);
                document.body.classList.add('unpaired');
                return;
              }
              show('Kiosk error', answer.message, 'refused');
              await sleep(3000);
            } else if (answer.decision) {
              state.decisions.push(answer.decision);
              const mood = { welcome: 'welcome', 'welcome-back': 'welcome', refused: 'refused', unknown: 'unknown' }[answer.decision.outcome];
              show(answer.decision.message, '', mood);
              await sleep(4000);
            } else {
              show(answer.message, 'Door: ' + door, '');
            }
          } catch (error) {
            state.errors.push(String(error));
            show('Reconnecting…', String(error), 'refused');
            await sleep(2000);
          }
          // 4–8 frames a second: never faster than one every 125 ms.
          await sleep(Math.max(0, 125 - (performance.now() - started)));
        }
      }

      async function start() {
        if (!localStorage.getItem(storageKey)) { document.body.classList.add('unpaired'); return; }
        try {
          video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: 'user' }, audio: false });
          await video.play();
          show('Look at the camera', 'Door: ' + door, '');
          loop();
        } catch (error) {
          state.errors.push(String(error));
          show('No camera', 'Allow the camera for this page (https or localhost only): ' + error, 'refused');
        }
      }
      start();
    })();
    </script>
    </body>
    </html>
    """#
}
