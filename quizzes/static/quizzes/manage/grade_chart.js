// Draws the grade distribution with Chart.js from the table beside the canvas,
// so the chart and the table always show the same numbers. Without Chart.js
// (or JavaScript) the table, with its bars, is the whole report.
(function () {
  "use strict";

  function readTable(table) {
    const labels = [];
    const values = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      const label = row.querySelector("th");
      const cell = row.querySelector("td[data-value]");
      if (label && cell) {
        labels.push(label.textContent.trim());
        values.push(Number(cell.dataset.value));
      }
    });
    return { labels: labels, values: values };
  }

  function draw(table) {
    const canvas = document.getElementById(table.dataset.gradeChart);
    if (!canvas || typeof window.Chart === "undefined") {
      return;
    }
    const data = readTable(table);
    canvas.hidden = false;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: table.dataset.seriesLabel || "",
            data: data.values,
            backgroundColor: "#00676a",
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: table.dataset.axisLabel || "" } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
  }

  document.querySelectorAll("table[data-grade-chart]").forEach(draw);
})();
