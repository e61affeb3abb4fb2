// Draws the reports' bar charts with Chart.js from the table beside each canvas,
// so a chart and its table always show the same numbers. Without Chart.js (or
// JavaScript) the tables are the whole report; screen readers use the tables.
//
// <table data-report-chart="canvas-id" [data-percent="1"] [data-stacked="1"]>:
// each header cell marked data-series is a dataset; each body row gives its
// label (the row's th) and, per series, a cell with data-value.
(function () {
  "use strict";

  const COLOURS = ["#00676a", "#b4191a", "#8a6d00", "#2e5aac"];

  function readTable(table) {
    const headers = Array.from(table.querySelectorAll("thead th"));
    const series = [];
    headers.forEach(function (th, index) {
      if (th.hasAttribute("data-series")) {
        series.push({ index: index, label: th.textContent.trim(), data: [] });
      }
    });
    const labels = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      const cells = row.children;
      labels.push(cells[0].textContent.trim());
      series.forEach(function (item) {
        const cell = cells[item.index];
        item.data.push(cell ? Number(cell.dataset.value || 0) : 0);
      });
    });
    return { labels: labels, series: series };
  }

  function draw(table) {
    const canvas = document.getElementById(table.dataset.reportChart);
    if (!canvas || typeof window.Chart === "undefined") {
      return;
    }
    const data = readTable(table);
    const percent = table.dataset.percent === "1";
    const stacked = table.dataset.stacked === "1";
    canvas.hidden = false;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (item, index) {
          return {
            label: item.label,
            data: item.data,
            backgroundColor: COLOURS[index % COLOURS.length],
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: data.series.length > 1 } },
        scales: {
          x: { stacked: stacked },
          y: percent
            ? { beginAtZero: true, max: 100 }
            : { beginAtZero: true, stacked: stacked, ticks: { precision: 0 } },
        },
      },
    });
  }

  document.querySelectorAll("table[data-report-chart]").forEach(draw);
})();
