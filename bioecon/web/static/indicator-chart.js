// The indicator page's chart: 当月值 bars, 1–N月累计 and 同比 lines, published figures as
// diamonds. Its data is the page's JSON block #chart-data (no inline script: the CSP allows none).
(function () {
  const source = document.getElementById("chart-data");
  const target = document.getElementById("chart");
  if (!source || !target || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const names = data.labels;
  const draw = function () {
  const chart = echarts.init(target);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "'Noto Sans SC', sans-serif" },
    tooltip: { trigger: "axis" },
    legend: { textStyle: { fontFamily: "'Noto Sans SC', sans-serif" } },
    xAxis: { type: "category", data: data.periods },
    yAxis: [{ type: "value", name: names.unit }, { type: "value", name: "%" }],
    series: [
      { name: names.value, type: "bar", data: data.value },
      { name: names.ytd, type: "line", data: data.ytd },
      { name: names.yoy, type: "line", yAxisIndex: 1, data: data.yoy },
      { name: names.published, type: "scatter", symbol: "diamond", symbolSize: 14, data: data.published },
    ],
  });
  };
  // drawn once the shipped CJK font is loaded: a canvas does not wait for it (□ instead of 计值)
  if (document.fonts && document.fonts.load) {
    document.fonts.load("14px 'Noto Sans SC'", names.value + names.ytd + names.yoy).then(draw, draw);
  } else {
    draw();
  }
})();
