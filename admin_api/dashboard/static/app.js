// Admin dashboard: sign in with an API key (kept in sessionStorage), fetch the figures
// from the admin API with a Bearer header, and draw them.
(function () {
  "use strict";
  const KEY = "bmo-admin-key";
  const API = "../api/v1";
  const $ = (id) => document.getElementById(id);

  async function api(path) {
    const response = await fetch(`${API}${path}`, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY) || ""}` },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error((body.error && body.error.message) || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function show(signedIn) {
    $("sign-in").hidden = signedIn;
    $("dashboard").hidden = !signedIn;
    $("controls").hidden = !signedIn;
  }

  function kpi(label, value, hint, bad) {
    const card = document.createElement("div");
    card.className = `card kpi${bad ? " bad" : ""}`;
    const l = document.createElement("div"); l.className = "label"; l.textContent = label;
    const v = document.createElement("div"); v.className = "value"; v.textContent = value;
    const h = document.createElement("div"); h.className = "hint"; h.textContent = hint;
    card.append(l, v, h);
    return card;
  }

  function topicTable(topics) {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["Topic", "Answers", "Learners", "Accuracy", "Mastery"]) {
      const th = document.createElement("th"); th.textContent = title; head.appendChild(th);
    }
    const body = table.createTBody();
    for (const t of topics) {
      const row = body.insertRow();
      row.insertCell().textContent = t.title;
      for (const value of [t.answered, t.learners, Charts.pct(t.accuracy)]) {
        const cell = row.insertCell(); cell.className = "num"; cell.textContent = String(value);
      }
      const cell = row.insertCell();
      const meter = document.createElement("span"); meter.className = "meter";
      const fill = document.createElement("span"); fill.style.width = `${Math.round((t.mastery || 0) * 100)}%`;
      meter.appendChild(fill);
      cell.append(meter, Charts.pct(t.mastery));
    }
    $("topic-table").replaceChildren(table);
  }

  const STATUS = {
    ready: "Ready", not_generated: "Ready on first use", no_quiz: "No quiz: not sent",
    no_material: "No material", blocked: "Blocked by safety checks",
  };

  function statusTable(page) {
    const stuck = page.items.filter((t) => t.status !== "ready" && t.status !== "not_generated");
    if (!stuck.length) {
      const p = document.createElement("p"); p.className = "muted";
      p.textContent = `All ${page.items.length} topics can be sent with a quiz.`;
      $("status-table").replaceChildren(p);
      return;
    }
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["Topic", "Status", "Passages", "Why"]) {
      const th = document.createElement("th"); th.textContent = title; head.appendChild(th);
    }
    const body = table.createTBody();
    for (const t of stuck) {
      const row = body.insertRow();
      row.insertCell().textContent = t.title;
      row.insertCell().textContent = STATUS[t.status] || t.status;
      const cell = row.insertCell(); cell.className = "num"; cell.textContent = String(t.chunks);
      row.insertCell().textContent = t.reason;
    }
    $("status-table").replaceChildren(table);
  }

  function render(d) {
    const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
    $("kpis").replaceChildren(
      kpi("Active learners", String(d.learners.active), `of ${d.learners.total} enrolled, last ${d.window_days} days`),
      kpi("Completion rate", Charts.pct(d.completion.rate), `${d.completion.completed} of ${d.completion.delivered} lessons answered`),
      kpi("Quiz accuracy", Charts.pct(d.quiz.accuracy), `${d.quiz.answered} answers`),
      kpi("Failed deliveries", String(d.deliveries.failed), `${d.deliveries.pending} pending`, d.deliveries.failed > 0),
      kpi("LLM cost", money.format(d.llm.cost_usd || 0), `${d.llm.calls} calls`),
      kpi("Cache hit rate", Charts.pct(d.llm.cache_hit_rate), `${d.llm.cached} cached answers`),
    );
    Charts.donut($("chart-completion"), { value: d.completion.completed, total: d.completion.delivered, label: "lessons completed" });
    Charts.line($("chart-engagement"), d.engagement.map((e) => e.day), [
      { name: "Answers", values: d.engagement.map((e) => e.answers) },
      { name: "Active learners", values: d.engagement.map((e) => e.learners) },
      { name: "Deliveries", values: d.engagement.map((e) => e.deliveries) },
    ], { label: "Answers, active learners and deliveries per day" });
    Charts.hbars($("chart-accuracy"), d.topics.map((t) => ({ label: t.title, value: t.accuracy })), { label: "Quiz accuracy by topic" });
    Charts.columns($("chart-mastery"), d.mastery_distribution.map((m) => ({ label: m.bucket, value: m.learners })), { label: "Learners by mastery" });
    const channelMax = Math.max(1, ...d.channels.map((c) => c.deliveries));
    Charts.hbars($("chart-channels"), d.channels.map((c) => ({ label: c.channel.toUpperCase(), value: c.deliveries })),
      { max: channelMax, format: (v) => String(v), label: "Deliveries by channel", width: 360, labelW: 70 });
    topicTable(d.topics);
    $("generated").textContent = `Figures as of ${new Date(d.generated_at).toLocaleString()}`;
  }

  async function load() {
    try {
      const status = await api("/status");
      $("who").textContent = `${status.counts.learners} learners · ${status.counts.documents} documents`;
      render(await api(`/analytics/dashboard?days=${$("window").value}`));
      statusTable(await api("/topics?limit=200"));
      show(true);
    } catch (error) {
      if (error.status === 401) sessionStorage.removeItem(KEY);
      show(false);
      $("sign-in-error").textContent = error.status === 401
        ? "That key was not accepted. Check it and try again." : `Could not load the dashboard: ${error.message}`;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, $("api-key").value.trim());
      $("api-key").value = "";
      $("sign-in-error").textContent = "";
      load();
    });
    $("sign-out").addEventListener("click", () => { sessionStorage.removeItem(KEY); show(false); });
    $("window").addEventListener("change", load);
    if (sessionStorage.getItem(KEY)) load(); else show(false);
  });
})();
