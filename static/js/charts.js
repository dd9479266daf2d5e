// Draws every <canvas class="portal-chart" data-chart="ID"> from the JSON in <script id="ID">
// ({labels: [...], data: [...]}), written by Django's json_script. No inline script: the CSP.
document.addEventListener("DOMContentLoaded", () => {
  const rtl = document.documentElement.dir === "rtl";
  // Numbers in the page's digits: Persian for fa, Arabic-Indic for Central Kurdish and Arabic.
  const locale = { fa: "fa-IR", ckb: "ar-IQ", ar: "ar-IQ" }[document.documentElement.lang] || "en";
  const font = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = font;
  for (const canvas of document.querySelectorAll("canvas.portal-chart")) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) continue;
    const { labels, data } = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: { labels, datasets: [{ data, backgroundColor: "#0b5d7a" }] },
      options: {
        indexAxis: "y",
        locale,
        plugins: { legend: { display: false } },
        scales: { y: { position: rtl ? "right" : "left" }, x: { reverse: rtl, ticks: { precision: 0 } } },
      },
    });
  }
});
