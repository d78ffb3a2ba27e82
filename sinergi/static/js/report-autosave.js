// The annual-report form keeps the user's work: a draft save to the server a moment after each
// change, a copy in this browser's storage for when the connection drops, and running totals.
//
// The form carries `data-report-form` with:
//   data-draft-url      where a draft is posted (the same update service as the form's own save);
//   data-draft-key      the report's id, or "new" before the draft exists;
//   data-server-stamp   when the server copy last changed (empty for a new report);
//   data-text-*         the words of the status line.
// The browser copy records the server stamp it started from. When the page opens and the server
// copy has not changed since, an unsaved browser copy is put back and the notice
// `[data-draft-restored]` is shown; otherwise the server copy wins and the browser copy is dropped.
(function () {
  "use strict";
  var form = document.querySelector("form[data-report-form]");
  if (!form) return;

  var PREFIX = "sinergi:report-draft:";
  var DELAY = 1000;
  var RETRY = 10000;
  var key = form.getAttribute("data-draft-key");
  var url = form.getAttribute("data-draft-url");
  var stamp = form.getAttribute("data-server-stamp") || "";
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  var retryTimer = null;
  var inFlight = false;
  var again = false;

  function text(name) {
    return form.getAttribute("data-text-" + name) || "";
  }

  function show(message, state) {
    if (!status) return;
    status.textContent = message;
    status.setAttribute("data-state", state);
  }

  // --- the browser copy --------------------------------------------------------------------------

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit" && el.type !== "file";
    });
  }

  function collect() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "radio") {
        if (el.checked) values[el.name] = el.value;
        else if (!(el.name in values)) values[el.name] = "";
      } else if (el.type === "checkbox") {
        values[el.name] = el.checked ? el.value : "";
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function apply(values) {
    fields().forEach(function (el) {
      if (!(el.name in values)) return;
      if (el.type === "radio" || el.type === "checkbox") el.checked = values[el.name] === el.value;
      else el.value = values[el.name];
    });
  }

  function readCopy(k) {
    try {
      return JSON.parse(window.localStorage.getItem(PREFIX + k) || "null");
    } catch (e) {
      return null;
    }
  }

  function writeCopy(dirty) {
    try {
      window.localStorage.setItem(
        PREFIX + key,
        JSON.stringify({ values: collect(), base: stamp, dirty: dirty, at: Date.now() })
      );
    } catch (e) {
      /* storage full or refused: the server save still runs */
    }
  }

  function dropCopy(k) {
    try {
      window.localStorage.removeItem(PREFIX + k);
    } catch (e) {
      /* nothing to drop */
    }
  }

  // --- the server draft ----------------------------------------------------------------------------

  function firstError(errors) {
    for (var name in errors) {
      if (Object.prototype.hasOwnProperty.call(errors, name) && errors[name].length) return errors[name][0];
    }
    return "";
  }

  function adopt(answer) {
    // The first save of a new report created it: later saves and the form go to the draft.
    if (!answer.key || key === answer.key) return;
    dropCopy(key);
    key = answer.key;
    url = answer.draft_url;
    form.setAttribute("action", answer.edit_url);
    form.setAttribute("data-draft-key", key);
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", answer.edit_url);
  }

  function save() {
    timer = null;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    show(text("saving"), "saving");
    var headers = { "X-Requested-With": "fetch" };
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: headers })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { status: response.status, answer: answer };
        });
      })
      .then(function (result) {
        var answer = result.answer || {};
        if (answer.saved) {
          adopt(answer);
          stamp = answer.stamp;
          form.setAttribute("data-server-stamp", stamp);
          writeCopy(again);
          show(text("saved") + " " + answer.time, "saved");
        } else if (answer.waiting) {
          writeCopy(true);
          show(text("waiting"), "waiting");
        } else {
          writeCopy(true);
          show(text("refused") + " " + firstError(answer.errors || {}), "refused");
        }
      })
      .catch(function () {
        writeCopy(true);
        show(text("offline"), "offline");
        if (!retryTimer) {
          retryTimer = window.setTimeout(function () {
            retryTimer = null;
            save();
          }, RETRY);
        }
      })
      .then(function () {
        inFlight = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  function changed() {
    writeCopy(true);
    show(text("unsaved"), "unsaved");
    totals();
    schedule();
  }

  // --- running totals -------------------------------------------------------------------------------

  var lang = (document.documentElement.lang || "id").toLowerCase();
  var format = new Intl.NumberFormat(lang.indexOf("en") === 0 ? "en-US" : "id-ID", { maximumFractionDigits: 2 });
  var SCALES = { rb: 1e3, ribu: 1e3, k: 1e3, jt: 1e6, juta: 1e6, m: 1e9, miliar: 1e9, milyar: 1e9, t: 1e12, triliun: 1e12 };

  // An amount as parse_money reads it ("1.250.000", "1.250.000,50", "Rp 1,5 jt"); null when blank
  // or not an amount.
  function money(value) {
    var raw = (value || "").trim().toLowerCase();
    if (!raw || raw === "-") return null;
    var m = raw.match(/^(-)?\s*(?:rp\.?|idr)?\s*(-)?\s*([0-9][0-9.,\s]*)\s*([a-z]+)?\.?$/);
    if (!m) return null;
    var scale = m[4] ? SCALES[m[4]] : 1;
    if (!scale) return null;
    var digits = m[3].replace(/\s/g, "").replace(/[,.\-]+$/, "");
    var comma = digits.indexOf(",") >= 0;
    var dot = digits.indexOf(".") >= 0;
    if (comma && dot) {
      if (digits.lastIndexOf(",") > digits.lastIndexOf(".")) digits = digits.replace(/\./g, "").replace(",", ".");
      else digits = digits.replace(/,/g, "");
    } else if (comma) {
      var cp = digits.split(",");
      if (cp.length === 2 && (cp[1].length !== 3 || m[4])) digits = cp[0] + "." + cp[1];
      else digits = digits.replace(/,/g, "");
    } else if (dot) {
      var dp = digits.split(".");
      if (!(dp.length === 2 && (dp[1].length !== 3 || m[4]))) digits = digits.replace(/\./g, "");
    }
    var number = parseFloat(digits);
    if (isNaN(number)) return null;
    return (m[1] || m[2] ? -1 : 1) * number * scale;
  }

  function amount(name) {
    var input = form.elements[name];
    return input ? money(input.value) : null;
  }

  function totals() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-running-total]"), function (box) {
      var sum = 0;
      var seen = false;
      box
        .getAttribute("data-terms")
        .split(" ")
        .forEach(function (term) {
          var parts = term.split(":");
          var value = amount(parts[0]);
          if (value !== null) {
            sum += value * parseFloat(parts[1]);
            seen = true;
          }
        });
      var out = box.querySelector("[data-total-value]");
      var note = box.querySelector("[data-total-note]");
      out.textContent = seen ? "Rp" + format.format(sum) : "–";
      var other = amount(box.getAttribute("data-compare"));
      var off = false;
      if (seen && other !== null) {
        var tolerance = Math.max(1000, Math.abs(other) * 0.005);
        if (box.getAttribute("data-kind") === "equal") off = Math.abs(sum - other) > tolerance;
        else off = sum > other + tolerance;
      }
      note.hidden = !off;
      box.classList.toggle("report-total-off", off);
    });
  }

  // --- start -----------------------------------------------------------------------------------------

  function later(a, b) {
    // True when server stamp `a` is after `b` (both ISO 8601; empty is "never saved").
    if (!a) return false;
    if (!b) return true;
    return a !== b && Date.parse(a) >= Date.parse(b);
  }

  var copy = readCopy(key);
  var rejected = form.querySelector("[data-form-errors]");
  if (copy && !rejected && (later(copy.base, stamp) || (copy.dirty && copy.base === stamp))) {
    // Either this copy was typed after the server copy the page shows and never reached it, or the
    // page was sent before this browser's last save landed: the copy is the newer work.
    apply(copy.values);
    if (later(copy.base, stamp)) {
      stamp = copy.base;
      form.setAttribute("data-server-stamp", stamp);
    }
    if (copy.dirty) {
      var notice = document.querySelector("[data-draft-restored]");
      if (notice) notice.hidden = false;
      show(text("unsaved"), "unsaved");
      schedule();
    }
  } else if (copy) {
    dropCopy(key);
  }
  totals();

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () {
    if (!retryTimer) return;
    window.clearTimeout(retryTimer);
    retryTimer = null;
    save();
  });
  form.addEventListener("submit", function () {
    if (timer) window.clearTimeout(timer);
  });
})();
