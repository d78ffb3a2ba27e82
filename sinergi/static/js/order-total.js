// The order form's estimated total (order_edit.html): Σ quantity × the product's current price,
// kept up to date while quantities are typed. Each quantity input carries `data-price`.
(function () {
  "use strict";
  var out = document.querySelector("[data-order-total]");
  if (!out) return;
  var form = out.closest("form");
  // Rupiah are grouped the Indonesian way in both languages, as the server writes them.
  var fmt = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

  function update() {
    var total = 0;
    form.querySelectorAll("input[data-price]").forEach(function (input) {
      var qty = parseInt(input.value, 10);
      if (!isNaN(qty) && qty > 0) total += qty * Number(input.getAttribute("data-price"));
    });
    out.textContent = "Rp" + fmt.format(total);
  }

  form.addEventListener("input", update);
  update();
})();
