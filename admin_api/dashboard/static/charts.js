// A small SVG chart renderer: donut, horizontal bars, columns and a line/area chart.
// Pure DOM building (no innerHTML), so labels from data can never inject markup.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = ["#38bdf8", "#a78bfa", "#34d399", "#fbbf24", "#f87171", "#f472b6"];

  function el(name, attrs, parent, text) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(container, kind, width, height, label) {
    container.replaceChildren();
    return el("svg", {
      viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label,
      "data-chart": kind,
    }, container);
  }

  function empty(root, width, height) {
    el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, root,
      "No data in this window yet");
  }

  function pct(value) {
    return value === null || value === undefined ? "–" : `${Math.round(value * 100)}%`;
  }

  function donut(container, { value, total, label }) {
    const size = 220, r = 80, stroke = 22, c = 2 * Math.PI * r;
    const root = svg(container, "donut", size, size, `${label}: ${value} of ${total}`);
    el("circle", { cx: size / 2, cy: size / 2, r, fill: "none", stroke: "#24365c", "stroke-width": stroke }, root);
    const share = total ? value / total : 0;
    if (total) {
      el("circle", {
        cx: size / 2, cy: size / 2, r, fill: "none", stroke: "url(#donut-grad)",
        "stroke-width": stroke, "stroke-linecap": "round", class: "donut-value",
        "stroke-dasharray": `${c * share} ${c}`, transform: `rotate(-90 ${size / 2} ${size / 2})`,
      }, root);
    }
    const defs = el("defs", {}, root);
    const grad = el("linearGradient", { id: "donut-grad", x1: "0", x2: "1", y1: "0", y2: "1" }, defs);
    el("stop", { offset: "0%", "stop-color": COLORS[0] }, grad);
    el("stop", { offset: "100%", "stop-color": COLORS[2] }, grad);
    el("text", { x: size / 2, y: size / 2 + 4, "text-anchor": "middle", class: "big" }, root,
      total ? pct(share) : "–");
    el("text", { x: size / 2, y: size / 2 + 24, "text-anchor": "middle" }, root,
      `${value} of ${total}`);
    el("text", { x: size / 2, y: size / 2 + 40, "text-anchor": "middle" }, root, label);
  }

  function hbars(container, items, { format = pct, max = 1, label = "bars", width = 640, labelW = 190 } = {}) {
    const rowH = 34, height = Math.max(1, items.length) * rowH + 10;
    const root = svg(container, "hbars", width, height, label);
    if (!items.length) return empty(root, width, 60);
    const barW = width - labelW - 60;
    items.forEach((item, i) => {
      const y = i * rowH + 6;
      el("text", { x: labelW - 10, y: y + 17, "text-anchor": "end" }, root, item.label);
      el("rect", { x: labelW, y: y + 4, width: barW, height: 18, rx: 6, fill: "#0b1324" }, root);
      const w = Math.max(0, Math.min(1, (item.value || 0) / max)) * barW;
      el("rect", { x: labelW, y: y + 4, width: w, height: 18, rx: 6, fill: COLORS[i % COLORS.length], class: "bar" }, root);
      el("text", { x: labelW + barW + 8, y: y + 17, class: "value-label" }, root, format(item.value));
    });
  }

  function columns(container, items, { label = "columns" } = {}) {
    const width = 360, height = 220, base = 180, top = 20;
    const root = svg(container, "columns", width, height, label);
    const max = Math.max(1, ...items.map((i) => i.value));
    const slot = width / Math.max(1, items.length);
    items.forEach((item, i) => {
      const h = ((base - top) * item.value) / max;
      const x = i * slot + slot * 0.18;
      el("rect", { x, y: base - h, width: slot * 0.64, height: Math.max(h, 1), rx: 6, fill: COLORS[(i + 1) % COLORS.length], class: "bar" }, root);
      el("text", { x: x + slot * 0.32, y: base - h - 6, "text-anchor": "middle", class: "value-label" }, root, String(item.value));
      el("text", { x: x + slot * 0.32, y: base + 18, "text-anchor": "middle" }, root, item.label);
    });
  }

  function line(container, days, series, { label = "line" } = {}) {
    const width = 720, height = 240, left = 36, right = 12, top = 12, bottom = 28;
    const root = svg(container, "line", width, height, label);
    const max = Math.max(1, ...series.flatMap((s) => s.values));
    const innerW = width - left - right, innerH = height - top - bottom;
    const x = (i) => left + (days.length > 1 ? (i * innerW) / (days.length - 1) : innerW / 2);
    const y = (v) => top + innerH - (v * innerH) / max;
    for (let g = 0; g <= 4; g++) {
      const gy = top + (innerH * g) / 4;
      el("line", { x1: left, x2: width - right, y1: gy, y2: gy, class: "grid-line" }, root);
      el("text", { x: left - 6, y: gy + 4, "text-anchor": "end" }, root, String(Math.round(max - (max * g) / 4)));
    }
    const step = Math.max(1, Math.ceil(days.length / 8));
    days.forEach((day, i) => {
      const last = i === days.length - 1 && (days.length - 1) % step >= step / 2;
      if (i % step === 0 || last) {
        el("text", { x: x(i), y: height - 8, "text-anchor": "middle" }, root, day.slice(5));
      }
    });
    series.forEach((s, n) => {
      const color = COLORS[n % COLORS.length];
      const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
      if (n === 0 && s.values.length) {
        el("polygon", { points: `${x(0)},${y(0)} ${points} ${x(s.values.length - 1)},${y(0)}`, fill: color, opacity: "0.15" }, root);
      }
      el("polyline", { points, fill: "none", stroke: color, "stroke-width": 2.5, "stroke-linejoin": "round", class: "series", "data-series": s.name }, root);
      s.values.forEach((v, i) => { if (v) el("circle", { cx: x(i), cy: y(v), r: 3, fill: color }, root); });
    });
    const legend = document.createElement("div");
    legend.className = "legend";
    series.forEach((s, n) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = COLORS[n % COLORS.length];
      item.append(swatch, s.name);
      legend.appendChild(item);
    });
    container.appendChild(legend);
  }

  window.Charts = { donut, hbars, columns, line, pct };
})();
