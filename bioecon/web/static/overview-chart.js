// The overview's charts: each headline target's yearly actuals against its path from base to
// target (dashed), and a region's districts ranked on its first headline indicator. Data from
// the page's JSON block #overview-data (the CSP allows no inline script). Drawn once the
// shipped CJK font is loaded, so the canvas never falls back to boxes (□).
(function () {
  const source = document.getElementById("overview-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const font = "'Noto Sans SC', sans-serif";
  const draw = function () {
    for (const c of data.charts) {
      const target = document.getElementById(c.id);
      if (!target) continue;
      const chart = echarts.init(target);
      const common = { animation: false, textStyle: { fontFamily: font, fontSize: 14 }, tooltip: { trigger: "axis" } };
      if (c.kind === "trend") {
        chart.setOption(Object.assign(common, {
          legend: { textStyle: { fontFamily: font } },
          grid: { left: 60, right: 20, top: 40, bottom: 30 },
          xAxis: { type: "category", data: c.years },
          yAxis: { type: "value", name: c.unit },
          series: [
            { name: data.labels.actual, type: "line", data: c.actual, symbol: "circle", symbolSize: 8 },
            { name: data.labels.path, type: "line", data: c.path, lineStyle: { type: "dashed" }, symbol: "triangle", connectNulls: true },
          ],
        }));
      } else {
        chart.setOption(Object.assign(common, {
          grid: { left: 110, right: 30, top: 20, bottom: 30 },
          xAxis: { type: "value", name: c.unit },
          yAxis: { type: "category", data: c.names.slice().reverse(), axisLabel: { fontFamily: font } },
          series: [{ type: "bar", data: c.values.slice().reverse(), label: { show: true, position: "right" } }],
        }));
      }
      window.addEventListener("resize", function () { chart.resize(); });
    }
  };
  if (document.fonts && document.fonts.load) {
    document.fonts.load("14px 'Noto Sans SC'", "生物经济产业规模计值").then(draw, draw);
  } else {
    draw();
  }
})();
