/* Qonys offline verifier: checks the digital seal (QR) of an Annex 4 notification.
 *
 * Exactly as docs/verification.md specifies: the QR holds "QNS1:" + Base45 (RFC 9285) of a
 * COSE_Sign1 message (RFC 9052, tag 18) signed with Ed25519 (alg -8, key id in the protected
 * header), whose payload is a CBOR map (RFC 8949) of the claims; or a URL whose fragment is
 * that text ("%20" for a space, "%25" for "%"). The signature is checked with WebCrypto
 * (Ed25519), against the trust list in trust.js, itself checked with WebCrypto (ECDSA P-256,
 * SHA-256) against the Department key in <meta name="qonys-department-key">.
 * No network request is made: nothing here calls fetch or XMLHttpRequest.
 */
(function () {
  "use strict";

  var TEXTS = {
    kk: {
      title: "Хабарламаның түпнұсқалығын тексеру",
      intro: "Хабарламадағы QR кодты телефон камерасымен оқыңыз, оның суретін таңдаңыз немесе мәтінін қойыңыз.",
      trust: "Сенім тізімі: {date} (нұсқа {version})",
      no_trust: "Бұл бетте Департамент қол қойған сенім тізімі жоқ: мұнда ешнәрсе тексерілмейді. Бетті Департаменттің сайтынан алыңыз.",
      genuine: "ТҮПНҰСҚА",
      not_genuine: "ТҮПНҰСҚА ЕМЕС",
      cannot: "МҰНДА ТЕКСЕРУ МҮМКІН ЕМЕС",
      ok: "Цифрлық мөр жарамды: оны {mission} өкілдігінің кілті қойған.",
      altered: "Код өзгертілген немесе жалған: қолтаңбасы сәйкес келмейді.",
      unknown_key: "Мөрді сенім тізімінде жоқ кілт қойған (белгісіз өкілдік кілті).",
      revoked_key: "Мөрді кері қайтарып алынған кілт қойған ({date} бастап жарамсыз).",
      wrong_mission: "Мөрде {claimed} өкілдігі аталған, бірақ оны {actual} өкілдігінің кілті қойған.",
      not_qonys: "Бұл Qonys мөрі емес: код хабарламаның цифрлық мөрі емес.",
      damaged: "QR код бүлінген: оны толық оқу мүмкін болмады.",
      unsupported: "Мөр бұл бет білмейтін қолтаңба тәсілімен жасалған.",
      empty: "Мәтін бос: QR кодты оқыңыз немесе оның мәтінін қойыңыз.",
      no_crypto: "Бұл браузер Ed25519 қолтаңбасын тексере алмайды: Chrome 137+, Firefox 129+ немесе Safari 17+ пайдаланыңыз.",
      compare: "Мына мәліметтерді қағаздағымен салыстырыңыз:",
      number: "Хабарлама №",
      mission: "Өкілдік",
      person: "Тегі, аты, әкесінің аты",
      birth: "Туған күні",
      destination: "Қайда кетеді",
      decision: "Полиция департаментінің шешімі",
      decision_value: "{department}, № {number}, {date}",
      issued: "Хабарлама берілген күн",
      scan: "Камерамен оқу",
      stop: "Тоқтату",
      photo: "Фото немесе скан файлы",
      paste: "QR кодтың мәтіні немесе сілтемесі",
      check: "Тексеру",
      aim: "Камераны QR кодқа бағыттаңыз…",
      no_camera: "Камера қолжетімсіз: суретті таңдаңыз немесе мәтінді қойыңыз.",
      no_code: "Суреттен QR код табылмады: анығырақ суретке түсіріңіз.",
      timing: "Тексеру {ms} мс алды",
      offline: "Бұл бет желіге ешнәрсе жібермейді: тексеру осы құрылғыда жасалады."
    },
    ru: {
      title: "Проверка подлинности уведомления",
      intro: "Наведите камеру телефона на QR-код уведомления, выберите его фото или вставьте его текст.",
      trust: "Список доверия от {date} (версия {version})",
      no_trust: "На этой странице нет списка доверия, подписанного Департаментом: здесь ничего не проверить. Возьмите страницу с сайта Департамента.",
      genuine: "ПОДЛИННОЕ",
      not_genuine: "НЕ ПОДЛИННОЕ",
      cannot: "ПРОВЕРКА ЗДЕСЬ НЕВОЗМОЖНА",
      ok: "Цифровая печать действительна: она поставлена ключом представительства {mission}.",
      altered: "Код изменён или подделан: подпись не сходится.",
      unknown_key: "Печать поставлена ключом, которого нет в списке доверия (неизвестный ключ представительства).",
      revoked_key: "Печать поставлена отозванным ключом (недействителен с {date}).",
      wrong_mission: "В печати указано представительство {claimed}, но она поставлена ключом представительства {actual}.",
      not_qonys: "Это не печать Qonys: код не является цифровой печатью уведомления.",
      damaged: "QR-код повреждён: его не удалось прочитать целиком.",
      unsupported: "Печать сделана способом подписи, которого эта страница не знает.",
      empty: "Текст пуст: отсканируйте QR-код или вставьте его текст.",
      no_crypto: "Этот браузер не умеет проверять подпись Ed25519: используйте Chrome 137+, Firefox 129+ или Safari 17+.",
      compare: "Сравните эти сведения с бумагой:",
      number: "Уведомление №",
      mission: "Представительство",
      person: "Фамилия, имя, отчество",
      birth: "Дата рождения",
      destination: "Куда выбывает",
      decision: "Решение Департамента полиции",
      decision_value: "{department}, № {number} от {date}",
      issued: "Дата выдачи уведомления",
      scan: "Сканировать камерой",
      stop: "Остановить",
      photo: "Фото или скан",
      paste: "Текст или ссылка из QR-кода",
      check: "Проверить",
      aim: "Наведите камеру на QR-код…",
      no_camera: "Камера недоступна: выберите фото или вставьте текст.",
      no_code: "На изображении QR-код не найден: сфотографируйте чётче.",
      timing: "Проверка заняла {ms} мс",
      offline: "Эта страница ничего не отправляет в сеть: проверка идёт на этом устройстве."
    },
    en: {
      title: "Check that a notification is genuine",
      intro: "Point the phone's camera at the QR code on the notification, choose a photo of it, or paste its text.",
      trust: "Trust list of {date} (version {version})",
      no_trust: "This page carries no trust list signed by the Department: it cannot check anything. Get the page from the Department's site.",
      genuine: "GENUINE",
      not_genuine: "NOT GENUINE",
      cannot: "CANNOT BE CHECKED HERE",
      ok: "The digital seal is valid: it was made with the key of mission {mission}.",
      altered: "The code was altered or forged: its signature does not match.",
      unknown_key: "The seal was made with a key that is not in the trust list (unknown mission key).",
      revoked_key: "The seal was made with a revoked key (invalid since {date}).",
      wrong_mission: "The seal names mission {claimed} but was made with the key of mission {actual}.",
      not_qonys: "This is not a Qonys seal: the code is not a notification's digital seal.",
      damaged: "The QR code is damaged: it could not be read whole.",
      unsupported: "The seal uses a signature method this page does not know.",
      empty: "Nothing to check: scan the QR code or paste its text.",
      no_crypto: "This browser cannot check Ed25519 signatures: use Chrome 137+, Firefox 129+ or Safari 17+.",
      compare: "Compare this with the paper:",
      number: "Notification No.",
      mission: "Mission",
      person: "Full name",
      birth: "Date of birth",
      destination: "Destination",
      decision: "Police Department's decision",
      decision_value: "{department}, No. {number} of {date}",
      issued: "Date of issue",
      scan: "Scan with the camera",
      stop: "Stop",
      photo: "Photo or scan",
      paste: "Text or link from the QR code",
      check: "Check",
      aim: "Point the camera at the QR code…",
      no_camera: "No camera available: choose a photo or paste the text.",
      no_code: "No QR code found in the picture: take a sharper one.",
      timing: "checked in {ms} ms",
      offline: "This page sends nothing to the network: the check runs on this device."
    }
  };

  var PREFIX = "QNS1:";
  var MAX_INPUT = 8192; // a QR holds at most 4296 characters
  var B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  function Fail(reason, args) {
    this.reason = reason;
    this.args = args || {};
  }

  function fmt(template, args) {
    return template.replace(/\{(\w+)\}/g, function (_, k) {
      return Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : "";
    });
  }

  function isoDate(text) {
    // "YYYY-MM-DD", a real day, or null.
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
    var y = +text.slice(0, 4), m = +text.slice(5, 7), d = +text.slice(8, 10);
    var t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
    return text.slice(8, 10) + "." + text.slice(5, 7) + "." + text.slice(0, 4);
  }

  function b64bytes(text) {
    var bin = atob(text);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function hex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }

  // --- Base45 (RFC 9285 §4) -------------------------------------------------------------
  function base45decode(text) {
    if (text.length % 3 === 1) throw new Fail("damaged");
    var out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
    var o = 0;
    for (var i = 0; i < text.length; i += 3) {
      var c = B45.indexOf(text.charAt(i));
      var d = B45.indexOf(text.charAt(i + 1));
      if (c < 0 || d < 0) throw new Fail("damaged");
      if (i + 2 < text.length) {
        var e = B45.indexOf(text.charAt(i + 2));
        if (e < 0) throw new Fail("damaged");
        var n = c + d * 45 + e * 2025;
        if (n > 0xffff) throw new Fail("damaged");
        out[o++] = n >> 8;
        out[o++] = n & 0xff;
      } else {
        var m = c + d * 45;
        if (m > 0xff) throw new Fail("damaged");
        out[o++] = m;
      }
    }
    return out;
  }

  // --- CBOR (RFC 8949), definite lengths only: what Qonys writes --------------------------
  function Tag(tag, value) {
    this.tag = tag;
    this.value = value;
  }
  var utf8 = new TextDecoder("utf-8", { fatal: true });

  function cborDecode(bytes) {
    var pos = 0;
    function need(n) {
      if (n > bytes.length - pos) throw new Fail("damaged");
    }
    function argument(info) {
      if (info < 24) return info;
      var size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
      if (!size) throw new Fail("damaged"); // reserved, or an indefinite length
      need(size);
      var v = 0;
      for (var i = 0; i < size; i++) v = v * 256 + bytes[pos++];
      if (v > Number.MAX_SAFE_INTEGER) throw new Fail("damaged");
      return v;
    }
    function item(depth) {
      if (depth > 16) throw new Fail("damaged");
      need(1);
      var head = bytes[pos++];
      var major = head >> 5, info = head & 31;
      if (major === 7) {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        throw new Fail("damaged"); // no floats or other simple values in a seal
      }
      var n = argument(info);
      switch (major) {
        case 0:
          return n;
        case 1:
          return -1 - n;
        case 2:
          need(n);
          pos += n;
          return bytes.subarray(pos - n, pos);
        case 3:
          need(n);
          pos += n;
          try {
            return utf8.decode(bytes.subarray(pos - n, pos));
          } catch (e) {
            throw new Fail("damaged");
          }
        case 4: {
          if (n > bytes.length - pos) throw new Fail("damaged");
          var list = [];
          for (var i = 0; i < n; i++) list.push(item(depth + 1));
          return list;
        }
        case 5: {
          if (n * 2 > bytes.length - pos) throw new Fail("damaged");
          var map = new Map();
          for (var j = 0; j < n; j++) {
            var key = item(depth + 1);
            if (typeof key !== "number" && typeof key !== "string") throw new Fail("damaged");
            if (map.has(key)) throw new Fail("damaged");
            map.set(key, item(depth + 1));
          }
          return map;
        }
        default:
          return new Tag(n, item(depth + 1));
      }
    }
    var value = item(0);
    if (pos !== bytes.length) throw new Fail("damaged");
    return value;
  }

  function cborHead(major, n) {
    if (n < 24) return [(major << 5) | n];
    if (n < 256) return [(major << 5) | 24, n];
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
    return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  }

  // RFC 9052 §4.4: Sig_structure = ["Signature1", body_protected, external_aad = h'', payload]
  function sigStructure(protectedBytes, payload) {
    var context = new TextEncoder().encode("Signature1");
    var parts = [
      cborHead(4, 4),
      cborHead(3, context.length), context,
      cborHead(2, protectedBytes.length), protectedBytes,
      cborHead(2, 0),
      cborHead(2, payload.length), payload
    ];
    var size = 0;
    parts.forEach(function (p) { size += p.length; });
    var out = new Uint8Array(size), o = 0;
    parts.forEach(function (p) { out.set(p, o); o += p.length; });
    return out;
  }

  // --- the trust list (trust.js), checked against the Department key ------------------------
  var trust = { state: "loading", keys: new Map(), missions: new Map(), issued: "", version: "" };

  async function loadTrust() {
    var meta = document.querySelector('meta[name="qonys-department-key"]');
    var carried = window.QONYS_TRUST;
    if (!meta || !/^[A-Za-z0-9+/=]{40,}$/.test(meta.content) || !carried ||
        typeof carried.list !== "string" || typeof carried.signature !== "string") {
      trust.state = "refused";
      return;
    }
    try {
      var key = await crypto.subtle.importKey(
        "spki", b64bytes(meta.content), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
      var data = b64bytes(carried.list);
      var good = await crypto.subtle.verify(
        { name: "ECDSA", hash: "SHA-256" }, key, b64bytes(carried.signature), data);
      if (!good) {
        trust.state = "refused";
        return;
      }
      var doc = JSON.parse(utf8.decode(data));
      if (doc.format !== "qonys.verifier-trust" || doc.format_version !== 1) {
        trust.state = "refused";
        return;
      }
      doc.missions.forEach(function (m) {
        trust.missions.set(m.code, m);
        m.seal_keys.forEach(function (k) {
          trust.keys.set(k.kid, { mission: m, raw: b64bytes(k.public_key), revoked: k.revoked_at });
        });
      });
      trust.issued = isoDate(String(doc.issued_at).slice(0, 10)) || "";
      trust.version = doc.version;
      trust.state = "ok";
    } catch (e) {
      trust.state = "refused";
    }
  }

  // --- the seal ------------------------------------------------------------------------------
  function sealText(input) {
    var text = String(input).trim();
    if (!text) throw new Fail("empty");
    if (text.length > MAX_INPUT) throw new Fail("not_qonys");
    if (text.indexOf(PREFIX) !== 0) {
      var hash = text.indexOf("#");
      if (hash < 0) throw new Fail("not_qonys");
      var fragment = text.slice(hash + 1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch (e) {
        throw new Fail("damaged");
      }
      if (fragment.indexOf(PREFIX) !== 0) throw new Fail("not_qonys");
      text = fragment;
    }
    return text.slice(PREFIX.length);
  }

  function claimsOf(payload) {
    var raw = cborDecode(payload);
    if (!(raw instanceof Map) || raw.get(0) !== 1) throw new Fail("damaged");
    function text(k) {
      var v = raw.get(k);
      if (typeof v !== "string") throw new Fail("damaged");
      return v;
    }
    function day(v) {
      var d = isoDate(v);
      if (d === null) throw new Fail("damaged");
      return d;
    }
    var decision = raw.get(7);
    if (!Array.isArray(decision) || decision.length !== 3 ||
        !decision.every(function (v) { return typeof v === "string"; })) {
      throw new Fail("damaged");
    }
    return {
      number: text(1),
      mission: text(2),
      person: text(3),
      birth: day(raw.get(4)),
      country: text(5),
      settlement: text(6),
      department: decision[0],
      decisionNumber: decision[1],
      decisionDate: day(decision[2]),
      issued: day(raw.get(8))
    };
  }

  async function verify(input) {
    var body = sealText(input);
    var cose = base45decode(body);
    var message = cborDecode(cose);
    if (message instanceof Tag) {
      if (message.tag !== 18) throw new Fail("not_qonys");
      message = message.value;
    }
    if (!Array.isArray(message) || message.length !== 4 || !(message[0] instanceof Uint8Array) ||
        !(message[1] instanceof Map) || !(message[2] instanceof Uint8Array) ||
        !(message[3] instanceof Uint8Array)) {
      throw new Fail("damaged");
    }
    var prot = message[0].length ? cborDecode(message[0]) : new Map();
    if (!(prot instanceof Map)) throw new Fail("damaged");
    if (prot.get(1) !== -8) throw new Fail("unsupported");
    var kid = prot.has(4) ? prot.get(4) : message[1].get(4);
    if (!(kid instanceof Uint8Array)) throw new Fail("unknown_key");
    var entry = trust.keys.get(hex(kid));
    if (!entry) throw new Fail("unknown_key");
    if (message[3].length !== 64) throw new Fail("altered");
    var key;
    try {
      key = await crypto.subtle.importKey("raw", entry.raw, { name: "Ed25519" }, false, ["verify"]);
    } catch (e) {
      throw new Fail("no_crypto");
    }
    var good = await crypto.subtle.verify(
      { name: "Ed25519" }, key, message[3], sigStructure(message[0], message[2]));
    if (!good) throw new Fail("altered");
    if (entry.revoked) {
      throw new Fail("revoked_key", { date: isoDate(String(entry.revoked).slice(0, 10)) || "" });
    }
    var claims = claimsOf(message[2]);
    if (claims.mission !== entry.mission.code) {
      throw new Fail("wrong_mission", { claimed: claims.mission, actual: entry.mission.code });
    }
    return { claims: claims, mission: entry.mission };
  }

  // --- the page ------------------------------------------------------------------------------
  var lang = "en";
  var last = null; // the last outcome, redrawn when the language changes
  var $ = function (id) { return document.getElementById(id); };

  function t(key, args) {
    return fmt(TEXTS[lang][key] || TEXTS.en[key] || key, args || {});
  }

  function pickLanguage() {
    var saved = null;
    try { saved = localStorage.getItem("qonys-verifier-lang"); } catch (e) { /* file: or private */ }
    if (saved && TEXTS[saved]) return saved;
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      if (TEXTS[code]) return code;
    }
    return "en";
  }

  function setLanguage(code) {
    lang = TEXTS[code] ? code : "en";
    document.documentElement.lang = lang;
    try { localStorage.setItem("qonys-verifier-lang", lang); } catch (e) { /* ignore */ }
    document.querySelectorAll("[data-t]").forEach(function (el) {
      el.textContent = t(el.getAttribute("data-t"));
    });
    document.querySelectorAll("[data-lang]").forEach(function (el) {
      el.setAttribute("aria-pressed", String(el.getAttribute("data-lang") === lang));
    });
    document.title = "Qonys — " + t("title");
    drawTrust();
    if (last) draw(last);
  }

  function drawTrust() {
    var line = $("trust");
    if (trust.state === "ok") {
      line.textContent = t("trust", { date: trust.issued, version: trust.version });
      line.className = "trust";
    } else if (trust.state === "refused") {
      line.textContent = t("no_trust");
      line.className = "trust refused";
    }
  }

  function row(list, label, value) {
    var dt = document.createElement("dt");
    dt.textContent = label;
    var dd = document.createElement("dd");
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function draw(outcome) {
    var box = $("result");
    box.hidden = false;
    var verdict = $("verdict");
    var list = $("claim-list");
    list.textContent = "";
    $("claims").hidden = true;
    box.setAttribute("data-verdict", outcome.verdict);
    box.setAttribute("data-reason", outcome.reason);
    verdict.textContent = t(outcome.verdict);
    if (outcome.verdict === "genuine") {
      var c = outcome.claims;
      $("reason").textContent = t("ok", { mission: outcome.mission.code });
      row(list, t("number"), c.number);
      row(list, t("mission"), outcome.mission.name + " (" + outcome.mission.code + ")");
      row(list, t("person"), c.person);
      row(list, t("birth"), c.birth);
      row(list, t("destination"), c.country + ", " + c.settlement);
      row(list, t("decision"), t("decision_value", {
        department: c.department, number: c.decisionNumber, date: c.decisionDate
      }));
      row(list, t("issued"), c.issued);
      $("claims").hidden = false;
    } else {
      $("reason").textContent = t(outcome.reason, outcome.args);
    }
    $("timing").textContent = outcome.ms === null ? "" : t("timing", { ms: outcome.ms.toFixed(1) });
  }

  async function check(input) {
    var outcome;
    var started = performance.now();
    if (trust.state !== "ok") {
      outcome = { verdict: "cannot", reason: "no_trust", args: {}, ms: null };
    } else {
      try {
        var found = await verify(input);
        outcome = { verdict: "genuine", reason: "ok", claims: found.claims, mission: found.mission };
      } catch (e) {
        var fail = e instanceof Fail ? e : new Fail("damaged");
        var verdict = fail.reason === "no_crypto" ? "cannot" : "not_genuine";
        outcome = { verdict: verdict, reason: fail.reason, args: fail.args };
      }
      outcome.ms = performance.now() - started;
    }
    last = outcome;
    document.body.setAttribute("data-verify-ms", outcome.ms === null ? "" : String(outcome.ms));
    draw(outcome);
    $("result").scrollIntoView({ block: "start" });
    return outcome;
  }

  // --- reading a QR: BarcodeDetector where the browser has one, else jsQR -------------------
  var detector = null;
  async function makeDetector() {
    if (!("BarcodeDetector" in window)) return null;
    try {
      var formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.indexOf("qr_code") < 0) return null;
      return new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (e) {
      return null;
    }
  }

  async function decode(canvas, ctx) {
    if (detector) {
      try {
        var codes = await detector.detect(canvas);
        if (codes.length) return codes[0].rawValue;
      } catch (e) { /* fall back to jsQR */ }
    }
    if (typeof window.jsQR !== "function") return null;
    var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
    return code ? code.data : null;
  }

  function fit(canvas, width, height, limit) {
    var scale = Math.min(1, limit / Math.max(width, height));
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    return canvas.getContext("2d", { willReadFrequently: true });
  }

  var stream = null;
  var scanning = false;

  function stopCamera() {
    scanning = false;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    $("video").hidden = true;
    $("camera-stop").hidden = true;
    $("camera-start").hidden = false;
  }

  async function startCamera() {
    var status = $("camera-status");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = t("no_camera");
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false
      });
    } catch (e) {
      status.textContent = t("no_camera");
      return;
    }
    var video = $("video");
    video.srcObject = stream;
    video.hidden = false;
    $("camera-stop").hidden = false;
    $("camera-start").hidden = true;
    status.textContent = t("aim");
    try { await video.play(); } catch (e) { /* autoplay rules: frames still arrive */ }
    scanning = true;
    var canvas = $("canvas");
    async function frame() {
      if (!scanning) return;
      if (video.readyState >= 2 && video.videoWidth) {
        var ctx = fit(canvas, video.videoWidth, video.videoHeight, 1280);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var text = await decode(canvas, ctx);
        if (text && scanning) {
          stopCamera();
          status.textContent = "";
          $("text").value = text;
          await check(text);
          return;
        }
      }
      setTimeout(frame, 120);
    }
    frame();
  }

  async function readPhoto(file) {
    var status = $("camera-status");
    status.textContent = "";
    var canvas = $("canvas");
    try {
      var bitmap = await createImageBitmap(file);
      var limits = [2000, 1000, 3000];
      for (var i = 0; i < limits.length; i++) {
        var ctx = fit(canvas, bitmap.width, bitmap.height, limits[i]);
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        var text = await decode(canvas, ctx);
        if (text) {
          $("text").value = text;
          await check(text);
          return;
        }
      }
    } catch (e) { /* not an image the browser can read */ }
    status.textContent = t("no_code");
  }

  function fromLocation() {
    // The QR's URL: the seal is in the fragment, which never leaves the phone.
    var fragment = location.hash ? location.hash.slice(1) : "";
    if (!fragment) return false;
    var text = location.href;
    $("text").value = text;
    check(text);
    return true;
  }

  async function start() {
    lang = pickLanguage();
    document.querySelectorAll("[data-lang]").forEach(function (el) {
      el.addEventListener("click", function () { setLanguage(el.getAttribute("data-lang")); });
    });
    $("check").addEventListener("click", function () { check($("text").value); });
    $("camera-start").addEventListener("click", startCamera);
    $("camera-stop").addEventListener("click", stopCamera);
    $("photo").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) readPhoto(file);
    });
    window.addEventListener("hashchange", fromLocation);
    setLanguage(lang);
    await loadTrust();
    detector = await makeDetector();
    drawTrust();
    document.body.setAttribute("data-ready", trust.state);
    fromLocation();
    if (location.protocol === "https:" && "serviceWorker" in navigator) {
      navigator.serviceWorker.register("sw.js").catch(function () { /* stays online-only */ });
    }
  }

  window.qonysVerifier = { check: check, version: 1 };
  start();
})();
