// The playground: renders what the bot sent (Block Kit) and sends what the learner does.
"use strict";

const state = { cursor: 0, nodes: new Map(), busy: false };
const $ = (id) => document.getElementById(id);

function htmlEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Slack mrkdwn -> safe HTML: undo Slack's entity escaping, escape for HTML, then format.
function mrkdwn(text) {
  const raw = (text || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return htmlEscape(raw)
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m)
    .replace(/\n/g, "<br>");
}

const EMOJI = {
  white_check_mark: "✅", x: "❌", books: "📚", dart: "🎯", label: "🏷️", question: "❓",
  wave: "👋", tada: "🎉", fire: "🔥", repeat: "🔁", warning: "⚠️", no_entry: "⛔",
  thinking_face: "🤔", chart_with_upwards_trend: "📈", alarm_clock: "⏰",
  pause_button: "⏸️", arrow_forward: "▶️",
};

function textOf(obj) {
  if (!obj) return "";
  return obj.type === "mrkdwn" ? mrkdwn(obj.text) : htmlEscape(obj.text || "");
}

function button(element, context) {
  const b = document.createElement("button");
  b.className = "btn" + (element.style ? " " + element.style : "");
  b.innerHTML = textOf(element.text).replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] || m);
  b.dataset.actionId = element.action_id;
  b.addEventListener("click", async () => {
    b.disabled = true;
    await send({ kind: "click", action_id: element.action_id, value: element.value || "", ...context });
  });
  return b;
}

function renderBlocks(blocks, context) {
  const wrap = document.createElement("div");
  for (const block of blocks || []) {
    const el = document.createElement(block.type === "divider" ? "hr" : "div");
    el.className = "blk blk-" + block.type;
    if (block.block_id) el.dataset.blockId = block.block_id;
    if (block.type === "header") el.innerHTML = textOf(block.text).replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] || m);
    else if (block.type === "section") {
      el.innerHTML = textOf(block.text);
      if (block.accessory && block.accessory.type === "button") el.append(" ", button(block.accessory, context));
    } else if (block.type === "context") {
      for (const item of block.elements || []) {
        const span = document.createElement("span");
        if (item.type === "image") span.innerHTML = `<img alt="${htmlEscape(item.alt_text || "")}" src="${htmlEscape(item.image_url)}" width="16">`;
        else span.innerHTML = textOf(item);
        el.append(span);
      }
    } else if (block.type === "actions") {
      for (const item of block.elements || []) if (item.type === "button") el.append(button(item, context));
    } else if (block.type === "image") {
      const img = document.createElement("img");
      img.src = block.image_url; img.alt = block.alt_text || "";
      el.append(img);
    } else if (block.type === "input") {
      el.innerHTML = `<label>${textOf(block.label)}</label><div class="field">${describeInput(block.element)}</div>`;
    }
    wrap.append(el);
  }
  return wrap;
}

function describeInput(element) {
  if (!element) return "";
  const value = element.initial_value || element.initial_time || element.initial_date ||
    (element.initial_option && element.initial_option.text.text) ||
    (element.initial_options || []).map((o) => o.text.text).join(", ");
  return htmlEscape(value || "(not set)");
}

function renderMessage(message) {
  const el = document.createElement("div");
  el.className = "msg" + (message.from_learner ? " learner" : "") +
    (message.ephemeral ? " ephemeral" : "") + (message.thread_ts ? " thread" : "");
  el.dataset.ts = message.ts;
  const who = message.from_learner ? "Alex Learner" : "BMO";
  const note = message.ephemeral ? "Only visible to you" : message.thread_ts ? "in thread" : "";
  el.innerHTML = `<div class="avatar">${who[0]}</div><div class="body"><div class="who">${who}<small>${note}</small></div></div>`;
  const body = el.querySelector(".body");
  if (message.blocks && message.blocks.length) body.append(renderBlocks(message.blocks, { ts: message.ts }));
  else { const p = document.createElement("div"); p.className = "blk"; p.innerHTML = mrkdwn(message.text); body.append(p); }
  return el;
}

function showModal(view) {
  if (!view) return;
  const modal = $("modal");
  modal.innerHTML = "";
  const card = document.createElement("div");
  card.className = "card";
  card.innerHTML = `<h3>${textOf(view.title)}</h3><p class="muted">In Slack this form is editable; here it shows your current settings.</p>`;
  card.append(renderBlocks(view.blocks, {}));
  const close = document.createElement("button");
  close.className = "btn"; close.textContent = "Close"; close.style.marginTop = "14px";
  close.addEventListener("click", () => modal.classList.add("hidden"));
  card.append(close);
  modal.append(card);
  modal.classList.remove("hidden");
}

let lastModal = null;
async function poll() {
  try {
    const response = await fetch(`/playground/messages?since=${state.cursor}`);
    const data = await response.json();
    const list = $("messages");
    for (const message of data.messages) {
      const fresh = renderMessage(message);
      const old = state.nodes.get(message.ts);
      if (old) old.replaceWith(fresh); else list.append(fresh);
      state.nodes.set(message.ts, fresh);
      fresh.scrollIntoView({ block: "end" });
    }
    state.cursor = Math.max(state.cursor, data.cursor);
    if (data.home) {
      const home = $("home-view");
      home.innerHTML = "";
      home.append(renderBlocks(data.home.blocks, { in_home: true }));
    }
    if (data.modal && JSON.stringify(data.modal) !== lastModal) {
      if (lastModal !== null || state.started) showModal(data.modal);
      lastModal = JSON.stringify(data.modal);
    }
    state.started = true;
  } catch (err) {
    console.warn("poll failed", err);
  }
}

async function send(body) {
  const response = await fetch("/playground/send", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  setTimeout(poll, 150);
  return response.ok;
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("input").value.trim();
  if (!text) return;
  $("input").value = "";
  await send({ kind: "text", text });
});

for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => {
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t === tab);
    for (const p of document.querySelectorAll(".pane")) p.classList.toggle("active", p.id === tab.dataset.tab);
    if (tab.dataset.tab === "home") send({ kind: "home" });
  });
}

poll();
setInterval(poll, 700);
