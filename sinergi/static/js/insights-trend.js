/* The trend of one indicator month by month on the dashboard (data from json_script). A month
   without a snapshot is a gap in the line, never a guessed value. */
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("insights-trend");
    var source = document.getElementById("insights-trend-data");
    if (!canvas || !source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var last = data.values.length - 1;
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.title,
          data: data.values,
          borderColor: "#0b6b45",
          backgroundColor: "#0b6b45",
          spanGaps: false,
          pointRadius: data.values.map(function (_, i) { return i === last ? 6 : 3; }),
          pointStyle: data.values.map(function (_, i) { return i === last ? "rectRot" : "circle"; }),
          tension: 0.2
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: data.kind !== "percent", ticks: { precision: data.kind === "count" ? 0 : 1 } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) { return data.displays[item.dataIndex]; }
            }
          }
        }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
