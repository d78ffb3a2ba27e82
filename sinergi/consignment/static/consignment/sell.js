// The outlet's sales screen. Every sale is first put in a queue on the device (localStorage) with
// its own id, then sent to POST /api/v1/market/sales. Without a connection the sale waits in the
// queue and is sent when the device is back online; the server records one sale per id, so a sale
// sent twice (an answer lost on the way back) is still recorded once.
(function () {
  "use strict";
  var root = document.getElementById("sell");
  if (!root) return;
  var outlet = Number(root.dataset.outlet);
  var key = "sinergi.sales.queue." + outlet;
  var sending = false;

  function el(id) { return document.getElementById(id); }
  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(key, JSON.stringify(queue)); }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function rupiah(n) { return "Rp" + Number(n).toLocaleString("id-ID"); }
  function say(text) { el("sell-message").textContent = text; }

  function showQueue() {
    var n = load().length;
    el("sell-queue").textContent = n ? root.dataset.msgQueued.replace("{n}", n) : "";
  }

  function items() { return Array.prototype.slice.call(document.querySelectorAll("#sell-products li[data-id]")); }
  function total() {
    var sum = 0;
    items().forEach(function (li) {
      var qty = Number(li.querySelector("input").value) || 0;
      sum += qty * Number(li.dataset.price);
    });
    el("sell-total").textContent = rupiah(sum);
  }

  function flush() {
    if (sending) return;
    var queue = load();
    if (!queue.length) { showQueue(); return; }
    sending = true;
    var sale = queue[0];
    fetch(root.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(sale)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (response.status === 201) {
          save(load().filter(function (s) { return s.client_id !== sale.client_id; }));
          say(root.dataset.msgSent);
        } else if ([400, 404, 409, 422].indexOf(response.status) >= 0) {
          save(load().filter(function (s) { return s.client_id !== sale.client_id; }));
          say(root.dataset.msgRefused + " " + (body.detail || ""));
        } else {
          showQueue();
          return;  // signed out or a server error: keep the sale, try again later
        }
        showQueue();
        flush();
      });
    }).catch(function () {
      sending = false;  // no connection: the sale stays queued
      showQueue();
    });
  }

  el("sell-search").addEventListener("input", function () {
    var q = this.value.trim().toLowerCase();
    items().forEach(function (li) { li.hidden = q && li.dataset.name.indexOf(q) < 0; });
  });
  items().forEach(function (li) { li.querySelector("input").addEventListener("input", total); });

  el("sell-submit").addEventListener("click", function () {
    var lines = [];
    items().forEach(function (li) {
      var input = li.querySelector("input");
      var qty = parseInt(input.value, 10) || 0;
      if (qty > 0) lines.push({ product: Number(li.dataset.id), qty: qty, unit_price: li.dataset.price });
    });
    if (!lines.length) { say(root.dataset.msgEmpty); return; }
    var method = el("sell-method").value;
    var reference = el("sell-reference").value.trim();
    if (method === "transfer" && !reference) { say(root.dataset.msgReference); return; }
    var queue = load();
    queue.push({ outlet: outlet, client_id: newId(), lines: lines, paid_with: method, reference: reference, sold_on: today() });
    save(queue);
    items().forEach(function (li) {
      var input = li.querySelector("input");
      var qty = parseInt(input.value, 10) || 0;
      input.max = Math.max(0, Number(input.max) - qty);
      input.value = 0;
    });
    el("sell-reference").value = "";
    total();
    if (!navigator.onLine) say(root.dataset.msgOffline);
    showQueue();
    flush();
  });

  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  showQueue();
  flush();
})();
