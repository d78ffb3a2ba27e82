// The recipient signs with a finger in the canvas; on submit the drawing goes in the hidden
// `signature` field as a PNG data URL. Nothing is sent while the canvas is blank.
(function () {
  "use strict";
  var form = document.querySelector("[data-signature-form]");
  if (!form) return;
  var canvas = form.querySelector("canvas");
  var field = form.querySelector("input[name=signature]");
  var ctx = canvas.getContext("2d");
  var drawing = false, drawn = false;
  ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.strokeStyle = "#1b1f23";
  function point(e) {
    var r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  }
  canvas.addEventListener("pointerdown", function (e) {
    drawing = true; var p = point(e); ctx.beginPath(); ctx.moveTo(p.x, p.y);
    canvas.setPointerCapture(e.pointerId); e.preventDefault();
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drawing) return; var p = point(e); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true; e.preventDefault();
  });
  function stop() { drawing = false; }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  form.querySelector("[data-signature-clear]").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; field.value = "";
  });
  form.addEventListener("submit", function () {
    field.value = drawn ? canvas.toDataURL("image/png") : "";
  });
})();
