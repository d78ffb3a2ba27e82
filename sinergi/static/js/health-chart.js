/* Trend of a cooperative's health score across financial years (data from json_script). */
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("health-trend");
    var source = document.getElementById("health-trend-data");
    if (!canvas || !source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var lang = document.documentElement.lang || "id";
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: lang === "en" ? "Total score" : "Skor total",
          data: data.totals,
          borderColor: "#0b6b45",
          backgroundColor: "#0b6b45",
          pointRadius: 4,
          tension: 0.2
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              afterLabel: function (item) {
                var predicate = data.predicates[item.dataIndex] || "–";
                return predicate.replace(/_/g, " ") + (data.official[item.dataIndex] ? "" : " (indikatif)");
              }
            }
          }
        }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
