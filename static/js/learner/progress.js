// Progress charts, drawn from the JSON block in the page (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var brand = "#1f5fbf", good = "#17693a", muted = "#4d5560";
  var small = { animation: false, responsive: true, maintainAspectRatio: false,
    plugins: { legend: { display: false } } };

  function shortDays(days) { return days.map(function (d) { return d.slice(5); }); }
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { return new window.Chart(canvas, config); }
  }

  draw("chart-reviews", { type: "bar", options: small, data: { labels: shortDays(data.days),
    datasets: [{ label: "Reviews", data: data.reviews, backgroundColor: brand, maxBarThickness: 40 }] } });

  draw("chart-retention", { type: "line", data: { labels: shortDays(data.days), datasets: [
    { label: "Right on first review", data: data.retention.map(function (r) { return r === null ? null : r * 100; }),
      borderColor: good, backgroundColor: good, spanGaps: true },
    { label: "Desired retention", data: data.days.map(function () { return data.desired_retention * 100; }),
      borderColor: muted, borderDash: [6, 4], pointRadius: 0 }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } } } });

  draw("chart-forecast", { type: "bar", options: small, data: { labels: shortDays(data.forecast_days),
    datasets: [{ label: "Due", data: data.forecast, backgroundColor: brand }] } });

  draw("chart-mastery", { type: "bar", data: { labels: data.mastery.map(function (m) { return m.article; }),
    datasets: [{ label: "Recall now (%)", data: data.mastery.map(function (m) { return m.recall; }),
      backgroundColor: good, maxBarThickness: 32 }] },
    options: { indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 } } } });
})();
