// Review queue: lessons waiting for a reviewer, side by side with the version learners get
// meanwhile, the passages they cite, a diff, and edit / approve / reject.
(function () {
  "use strict";
  const KEY = "bmo-admin-key";
  const API = "../api/v1";
  const $ = (id) => document.getElementById(id);
  let current = null;

  async function call(method, path, body) {
    const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY) || ""}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${API}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = data.error || {};
      const details = (error.details || []).map((d) => `${d.field}: ${d.message}`).join("; ");
      const message = response.status === 403
        ? "Your key may read the queue but not decide; ask an admin."
        : `${error.message || `HTTP ${response.status}`}${details ? ` (${details})` : ""}`;
      throw new Error(message);
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value; else node.setAttribute(name, value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function citeLabel(c) {
    return c && c.document_title ? `${c.document_title}${c.heading ? ` › ${c.heading}` : ""}` : "no citation";
  }

  function version(v, heading, side) {
    const questions = v.questions.map((q, n) => el("div", { class: "question" },
      el("strong", {}, `Q${n + 1}. ${q.stem}`),
      el("ol", {}, ...q.options.map((o, i) => el("li", i === q.correct_option ? { class: "correct" } : {}, o))),
      el("div", { class: "muted small" }, q.explanation),
      el("div", { class: "cite" }, `Cites: ${citeLabel(q.citation)}`)));
    return el("section", { class: "version", "data-version": side },
      el("h3", {}, `${heading} · v${v.version}`),
      el("h4", { class: "title" }, v.title),
      el("div", { class: "body" }, v.body),
      el("ul", {}, ...v.key_points.map((p) => el("li", {}, p))),
      el("p", { class: "muted" }, `Scenario: ${v.scenario}`),
      ...questions);
  }

  function diff(lines) {
    if (!lines.length) return el("p", { class: "muted" }, "First version of this topic: nothing to compare.");
    return el("div", { class: "diff", id: "review-diff" }, ...lines.map((line) => el("span", {
      class: line.startsWith("+") && !line.startsWith("+++") ? "add"
        : line.startsWith("-") && !line.startsWith("---") ? "del" : "ctx",
    }, line)));
  }

  function passages(review) {
    return el("div", { class: "passages", id: "review-passages" }, ...review.passages.map((p) => el("div", {
      class: `passage${p.cited ? " cited" : ""}`, "data-chunk": String(p.chunk_id),
    }, el("div", { class: "src" }, `${p.cited ? "Cited · " : ""}${p.document_title} › ${p.heading} (#${p.chunk_id})`), p.text)));
  }

  function notice(text, ok) {
    const node = $("review-notice");
    node.textContent = text;
    node.className = `notice ${ok ? "ok" : "bad"}`;
  }

  function editor(review) {
    const field = (label, name, value, area) => el("label", {}, label,
      Object.assign(el(area ? "textarea" : "input", { name }), { value }));
    const choices = review.passages.map((p) => [p.chunk_id, `${p.document_title} › ${p.heading} (#${p.chunk_id})`]);
    const form = el("form", { class: "editor", id: "review-editor" },
      field("Title", "title", review.title),
      field("Body", "body", review.body, true),
      field("Key points (one a line)", "key_points", review.key_points.join("\n"), true),
      field("Scenario", "scenario", review.scenario, true),
      ...review.questions.map((q, n) => {
        const select = el("select", { name: `q${n}-citation` }, ...choices.map(([id, label]) =>
          Object.assign(el("option", { value: String(id) }, label), { selected: q.citation && q.citation.chunk_id === id })));
        return el("fieldset", { "data-question": String(q.id) }, el("legend", {}, `Question ${n + 1}`),
          field("Question", `q${n}-stem`, q.stem),
          ...q.options.map((o, i) => field(`Option ${"ABCD"[i]}`, `q${n}-option${i}`, o)),
          el("label", {}, "Correct option", Object.assign(el("select", { name: `q${n}-correct` },
            ...[0, 1, 2, 3].map((i) => el("option", { value: String(i) }, "ABCD"[i]))), { value: String(q.correct_option) })),
          field("Explanation", `q${n}-explanation`, q.explanation, true),
          el("label", {}, "Cited passage", select));
      }),
      el("div", { class: "actions" }, el("button", { type: "submit", id: "save-edit" }, "Save changes"),
        el("button", { type: "button", class: "ghost", id: "cancel-edit" }, "Cancel")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const body = {
        title: data.get("title"), body: data.get("body"), scenario: data.get("scenario"),
        key_points: String(data.get("key_points")).split("\n").map((s) => s.trim()).filter(Boolean),
        questions: review.questions.map((q, n) => ({
          id: q.id, stem: data.get(`q${n}-stem`), explanation: data.get(`q${n}-explanation`),
          options: [0, 1, 2, 3].map((i) => data.get(`q${n}-option${i}`)),
          correct_option: Number(data.get(`q${n}-correct`)),
          citation_chunk_id: Number(data.get(`q${n}-citation`)),
        })),
      };
      try {
        const saved = await call("PATCH", `/reviews/${review.id}`, body);
        detail(saved);
        notice("Changes saved; the lesson still waits for approval.", true);
      } catch (error) { notice(error.message, false); }
    });
    form.querySelector("#cancel-edit").addEventListener("click", () => detail(review));
    return form;
  }

  async function decide(review, action, body) {
    try {
      const decided = await call("POST", `/reviews/${review.id}/${action}`, body);
      await queue();
      detail(decided);
      notice(action === "approve" ? "Approved: learners get this version from now on."
        : "Rejected: this version will never be delivered.", true);
    } catch (error) { notice(error.message, false); }
  }

  function detail(review) {
    current = review;
    const awaiting = review.status === "ready" && ["pending", "auto"].includes(review.review_status);
    const reason = el("input", { id: "reject-reason", placeholder: "Reason for rejecting", maxlength: "1000" });
    const actions = el("div", { class: "actions" },
      el("button", { type: "button", id: "approve" }, "Approve"),
      el("button", { type: "button", class: "ghost", id: "edit" }, "Edit"),
      reason,
      el("button", { type: "button", class: "danger", id: "reject" }, "Reject"));
    const decided = review.reviewed_by
      ? el("p", { class: "muted", id: "review-decision" }, `${review.review_status} by ${review.reviewed_by} at ${new Date(review.reviewed_at).toLocaleString()}${review.review_reason ? `: ${review.review_reason}` : ""}`)
      : null;
    $("review-detail").replaceChildren(...[
      el("h2", {}, `${review.topic} · ${review.title}`),
      el("p", { class: "muted small" }, `Status: ${review.review_status} · generated by ${review.generator}`),
      decided,
      awaiting ? actions : null,
      el("p", { class: "notice", id: "review-notice", role: "status" }),
      el("div", { class: "side-by-side" },
        version(review, "Under review", "draft"),
        review.previous ? version(review.previous, "Learners get now", "previous")
          : el("section", { class: "version" }, el("h3", {}, "Learners get now"), el("p", { class: "muted" }, "No approved version yet: learners get the next approved topic."))),
      el("h3", {}, "Changes"), diff(review.diff),
      el("h3", {}, "Passages"), passages(review),
    ].filter(Boolean));
    if (!awaiting) return;
    $("approve").addEventListener("click", () => decide(review, "approve"));
    $("reject").addEventListener("click", () => {
      if (reason.value.trim().length < 3) { notice("Say why the lesson is rejected.", false); return; }
      decide(review, "reject", { reason: reason.value.trim() });
    });
    $("edit").addEventListener("click", () => {
      actions.replaceWith(editor(review));
    });
  }

  async function queue() {
    const page = await call("GET", "/reviews?limit=100");
    $("review-mode").textContent = `Review mode: ${page.mode} · ${page.total} waiting`;
    $("review-count").textContent = page.total ? String(page.total) : "";
    $("review-queue").replaceChildren(...page.items.map((r) => {
      const button = el("button", { type: "button", "data-review": String(r.id) }, `${r.topic} · v${r.version} · ${r.title}`);
      if (current && current.id === r.id) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => {
        for (const b of $("review-queue").querySelectorAll("button")) b.removeAttribute("aria-current");
        button.setAttribute("aria-current", "true");
        detail(r);
      });
      return el("li", {}, button);
    }));
    if (!page.items.length) $("review-queue").append(el("li", { class: "muted" }, "Nothing waits for review."));
  }

  function tab(name) {
    const reviews = name === "reviews";
    $("dashboard").hidden = reviews;
    $("reviews").hidden = !reviews;
    $("tab-analytics").setAttribute("aria-pressed", String(!reviews));
    $("tab-reviews").setAttribute("aria-pressed", String(reviews));
    if (reviews) queue().catch((error) => { $("review-mode").textContent = error.message; });
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("tab-analytics").addEventListener("click", () => tab("analytics"));
    $("tab-reviews").addEventListener("click", () => tab("reviews"));
    $("sign-out").addEventListener("click", () => { $("reviews").hidden = true; current = null; });
  });
})();
