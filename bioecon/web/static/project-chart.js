// The project page's chart: 序时 planned investment (the annual plan × month/12) and the
// year-to-date completed investment, month by month. Its data is the page's JSON block
// #chart-data (no inline script: the CSP allows none), as indicator-chart.js reads its own.
(function () {
  const source = document.getElementById("chart-data");
  const target = document.getElementById("chart");
  if (!source || !target || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const names = data.labels;
  const chart = echarts.init(target);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "'Noto Sans SC', sans-serif" },
    tooltip: { trigger: "axis" },
    legend: {},
    xAxis: { type: "category", data: data.periods },
    yAxis: [{ type: "value" }],
    series: [
      { name: names.planned, type: "line", data: data.planned },
      { name: names.actual, type: "bar", data: data.actual },
    ],
  });
})();
