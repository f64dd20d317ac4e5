// The Raft dashboard: draws each frame the silo streams at /dashboard/frames (server-sent events, about
// 5 a second). Plain DOM and SVG, no build step and no library. Everything a frame holds came from peers or
// from a user's put, so text goes in through textContent only.
"use strict";

const HISTORY_MS = 60_000;
const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

const state = {
  frame: null,
  samples: [],          // {at, commits, p99} for the throughput chart
  cards: new Map(),     // peer id -> card element
};

// Terms get hues far apart (the golden angle), so neighbouring terms never look alike.
const termColor = (term) => `hsl(${(term * 137.508) % 360}, 62%, 58%)`;

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function connect() {
  const source = new EventSource("frames");
  source.onopen = () => setConnection("live");
  source.onerror = () => setConnection("lost"); // EventSource reconnects by itself
  source.onmessage = (message) => render(JSON.parse(message.data));
}

function setConnection(text) {
  const badge = $("connection");
  badge.dataset.state = text;
  badge.textContent = text === "live" ? "live" : text === "lost" ? "reconnecting" : text;
}

function render(frame) {
  state.frame = frame;
  state.samples.push({ at: frame.at, commits: frame.commitsPerSecond, p99: frame.commitLatency.p99Ms });
  while (state.samples.length && frame.at - state.samples[0].at > HISTORY_MS) state.samples.shift();
  renderSummary(frame);
  renderCards(frame);
  renderLogs(frame);
  renderRing(frame);
  renderChart(frame);
  renderTimeline(frame);
  renderControls(frame);
}

function renderSummary(frame) {
  $("leader").textContent = frame.leader ? `peer ${frame.leader}` : "none";
  $("term").textContent = frame.term;
  $("commits").textContent = frame.commitsPerSecond.toFixed(1);
  const latency = frame.commitLatency;
  $("p50").textContent = latency.count ? `${latency.p50Ms.toFixed(1)} ms` : "–";
  $("p99").textContent = latency.count ? `${latency.p99Ms.toFixed(1)} ms` : "–";
  $("silo").textContent = frame.silo;
  document.body.dataset.leader = frame.leader ?? "";
}

// Cards are made once per peer and updated in place, so buttons keep focus across frames.
function renderCards(frame) {
  const container = $("peers");
  for (const peer of frame.peers) {
    let card = state.cards.get(peer.id);
    if (!card) {
      card = makeCard(peer.id);
      state.cards.set(peer.id, card);
      container.append(card);
    }
    const role = !peer.reachable && peer.role !== "Unknown" ? `${peer.role}?` : peer.role;
    card.dataset.role = peer.reachable && !peer.paused ? peer.role : "Unknown";
    card.dataset.reachable = peer.reachable;
    card.dataset.paused = peer.paused;
    card.dataset.siloUp = peer.siloUp;
    const badge = card.querySelector(".role");
    badge.dataset.role = peer.reachable ? peer.role : "Unknown";
    badge.dataset.paused = peer.paused;
    badge.textContent = peer.paused ? "Paused" : peer.reachable ? role : "Unreachable";
    const set = (field, value) => { card.querySelector(`[data-field="${field}"]`).textContent = value; };
    set("membership", peer.membership);
    set("term", peer.term);
    set("vote", peer.votedFor ? `peer ${peer.votedFor}` : "–");
    set("last", `${peer.lastIndex} (term ${peer.lastTerm})`);
    set("commit", peer.commitIndex);
    set("applied", peer.appliedIndex);
    set("snapshot", peer.snapshotIndex);
    const silo = card.querySelector(".silo-state");
    silo.dataset.up = peer.siloUp;
    silo.textContent = `${peer.silo} ${peer.siloUp ? "up" : "down"}`;
    const buttons = card.querySelector(".buttons");
    buttons.hidden = !frame.controls;
    buttons.querySelector(".pause").textContent = peer.paused ? "Resume" : "Pause";
    buttons.querySelector(".pause").dataset.paused = peer.paused;
  }
}

function makeCard(id) {
  const card = el("article", { class: "card", "data-peer": id });
  const header = el("header");
  header.append(el("span", { class: "name" }, `Peer ${id}`), el("span", { class: "role" }, "…"));
  const list = el("dl");
  for (const [field, label] of [["membership", "member"], ["term", "term"], ["vote", "voted for"], ["last", "last"],
    ["commit", "commit"], ["applied", "applied"], ["snapshot", "snapshot"]]) {
    list.append(el("dt", {}, label), el("dd", { "data-field": field }, "–"));
  }
  const silo = el("div", { class: "silo-state", "data-up": "false" }, "");
  const buttons = el("div", { class: "buttons" });
  const pause = el("button", { type: "button", class: "pause" }, "Pause");
  pause.addEventListener("click", () => control(`control/peers/${id}/${pause.dataset.paused === "true" ? "resume" : "pause"}`, { method: "POST" }));
  const lead = el("button", { type: "button", class: "lead" }, "Make leader");
  lead.addEventListener("click", () => transfer(id));
  buttons.append(pause, lead);
  buttons.hidden = true;
  card.append(header, list, silo, buttons);
  return card;
}

// The logs side by side, as RaftScope draws them: one row per peer, one column per index.
function renderLogs(frame) {
  const table = $("logs");
  const last = Math.max(0, ...frame.peers.map((p) => p.lastIndex));
  const width = Math.max(1, ...frame.peers.map((p) => p.logTerms.length));
  const first = Math.max(1, last - width + 1);
  const head = el("thead");
  const headRow = el("tr");
  headRow.append(el("th", {}, "index"));
  for (let i = first; i <= last; i++) headRow.append(el("th", {}, i % 5 === 0 || i === first ? String(i) : ""));
  head.append(headRow);
  const body = el("tbody");
  for (const peer of frame.peers) {
    const row = el("tr", { "data-peer": peer.id });
    row.append(el("th", {}, `peer ${peer.id}`));
    for (let i = first; i <= last; i++) {
      const at = i - peer.logFrom;
      const cell = el("td");
      if (at >= 0 && at < peer.logTerms.length) {
        const term = peer.logTerms[at];
        cell.textContent = term;
        cell.className = i <= peer.commitIndex ? "committed" : "uncommitted";
        cell.style.background = termColor(term);
        cell.style.borderColor = termColor(term);
        cell.title = `index ${i}, term ${term}, ${i <= peer.commitIndex ? "committed" : "not committed"}`;
      } else if (i < peer.firstIndex) {
        cell.className = "compacted";
        cell.title = `index ${i}: in the snapshot`;
      } else {
        cell.className = "empty";
      }
      row.append(cell);
    }
    body.append(row);
  }
  table.replaceChildren(head, body);
}

// Peers on a ring; each direction of a link is an arc whose width grows with its rate.
function renderRing(frame) {
  const ring = $("ring");
  const center = 160, radius = 115;
  const position = new Map(frame.peers.map((p, i) => {
    const angle = (2 * Math.PI * i) / frame.peers.length - Math.PI / 2;
    return [p.id, { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) }];
  }));
  const nodes = [];
  for (const link of frame.links) {
    const a = position.get(link.from), b = position.get(link.to);
    if (!a || !b || link.perSecond <= 0) continue;
    // Bend each direction to its own side, so a→b and b→a do not overlap.
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1;
    const cx = mx - (dy / length) * 18, cy = my + (dx / length) * 18;
    const width = Math.min(6, 0.8 + Math.log2(1 + link.perSecond) / 2);
    const color = frame.leader === link.from ? "var(--leader)" : "var(--follower)";
    nodes.push(svg("path", { d: `M${a.x},${a.y} Q${cx},${cy} ${b.x},${b.y}`, fill: "none", stroke: color, "stroke-width": width, opacity: 0.7 }));
    const lx = (mx + cx) / 2, ly = (my + cy) / 2;
    nodes.push(svg("text", { x: lx, y: ly, "text-anchor": "middle", "font-size": 10 }, link.perSecond.toFixed(0)));
  }
  for (const peer of frame.peers) {
    const p = position.get(peer.id);
    const fill = !peer.reachable || peer.paused ? "var(--paused)" : `var(--${peer.role.toLowerCase()}, var(--follower))`;
    nodes.push(svg("circle", { cx: p.x, cy: p.y, r: 24, fill, stroke: peer.siloUp ? "none" : "var(--down)", "stroke-width": 3 }));
    nodes.push(svg("text", { x: p.x, y: p.y + 4, "text-anchor": "middle", fill: "#10161c", "font-weight": "bold" }, String(peer.id)));
  }
  ring.replaceChildren(...nodes);
}

// Charts are drawn in the pixels they have, so their text stays the page's size on a phone.
function fitWidth(node, height) {
  const width = Math.max(200, Math.round(node.clientWidth || 480));
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return width;
}

function renderChart(frame) {
  const chart = $("chart");
  const h = 200, pad = 30, w = fitWidth(chart, h);
  const samples = state.samples;
  const maxCommits = Math.max(1, ...samples.map((s) => s.commits));
  const maxLatency = Math.max(1, ...samples.map((s) => s.p99));
  const x = (at) => pad + ((at - (frame.at - HISTORY_MS)) / HISTORY_MS) * (w - 2 * pad);
  const line = (value, max) => samples.map((s, i) => `${i ? "L" : "M"}${x(s.at).toFixed(1)},${(h - pad - (value(s) / max) * (h - 2 * pad)).toFixed(1)}`).join(" ");
  chart.replaceChildren(
    svg("line", { class: "axis", x1: pad, y1: h - pad, x2: w - pad, y2: h - pad }),
    svg("path", { d: line((s) => s.commits, maxCommits), fill: "none", stroke: "var(--follower)", "stroke-width": 2 }),
    svg("path", { d: line((s) => s.p99, maxLatency), fill: "none", stroke: "var(--leader)", "stroke-width": 1.5 }),
    svg("text", { x: pad, y: 14 }, `${maxCommits.toFixed(0)} commits/s`),
    svg("text", { x: w - pad, y: 14, "text-anchor": "end" }, `${maxLatency.toFixed(1)} ms`),
    svg("text", { x: pad, y: h - 8 }, "−60 s"),
    svg("text", { x: w - pad, y: h - 8, "text-anchor": "end" }, "now"));
}

// One lane per peer: its role over the last minute, from the timeline's role changes.
function renderTimeline(frame) {
  const lanes = $("lanes");
  const w = fitWidth(lanes, 140), laneHeight = Math.min(28, 130 / Math.max(1, frame.peers.length)), left = 60;
  const start = frame.at - HISTORY_MS;
  const x = (at) => left + Math.max(0, (at - start) / HISTORY_MS) * (w - left);
  const nodes = [];
  frame.peers.forEach((peer, lane) => {
    const y = 4 + lane * laneHeight;
    nodes.push(svg("text", { x: 4, y: y + laneHeight * 0.65 }, `peer ${peer.id}`));
    const changes = frame.timeline.filter((e) => e.peer === peer.id);
    for (let i = 0; i < changes.length; i++) {
      const from = changes[i].at, to = i + 1 < changes.length ? changes[i + 1].at : frame.at;
      if (to < start) continue;
      const kind = changes[i].kind === "Resumed" ? "Follower" : changes[i].kind;
      const color = kind === "Paused" ? "var(--paused)" : `var(--${kind.toLowerCase()}, var(--follower))`;
      nodes.push(svg("rect", { x: x(from), y, width: Math.max(1, x(to) - x(from)), height: laneHeight - 4, fill: color },));
    }
  });
  for (const e of frame.timeline.filter((e) => e.peer === 0 && e.at >= start)) {
    nodes.push(svg("line", { x1: x(e.at), x2: x(e.at), y1: 0, y2: 140, stroke: "var(--down)", "stroke-dasharray": "4 3" }));
  }
  lanes.replaceChildren(...nodes);

  const list = $("events");
  const recent = frame.timeline.slice(-12).reverse();
  list.replaceChildren(...recent.map((e) => {
    const item = el("li");
    const time = new Date(e.at).toLocaleTimeString([], { hour12: false }) + "." + String(e.at % 1000).padStart(3, "0");
    item.append(`${time} `, el("strong", {}, describe(e)));
    return item;
  }));
}

function describe(e) {
  if (e.peer === 0) return `silo ${e.silo} is ${e.kind.replace(/^Silo/, "").toLowerCase()}`;
  switch (e.kind) {
    case "Leader": return `peer ${e.peer} leads term ${e.term} (last index ${e.index})`;
    case "Candidate": return `peer ${e.peer} campaigns for term ${e.term}`;
    case "PreCandidate": return `peer ${e.peer} pre-votes for term ${e.term + 1}`;
    case "Paused": return `peer ${e.peer} paused`;
    case "Resumed": return `peer ${e.peer} resumed`;
    default: return e.leader ? `peer ${e.peer} follows peer ${e.leader} in term ${e.term}` : `peer ${e.peer} follows, no leader, term ${e.term}`;
  }
}

function renderControls(frame) {
  const section = $("controls");
  section.hidden = !frame.controls;
  if (!frame.controls) return;
  const select = $("transfer-to");
  const voters = frame.peers.filter((p) => p.membership === "voter").map((p) => String(p.id));
  const current = [...select.options].map((o) => o.value);
  if (voters.join() !== current.join()) {
    const chosen = select.value;
    select.replaceChildren(...voters.map((id) => el("option", { value: id }, `peer ${id}`)));
    if (voters.includes(chosen)) select.value = chosen;
  }
}

async function control(path, init) {
  const result = $("control-result");
  try {
    const response = await fetch(path, init);
    const text = await response.text();
    result.textContent = `${init.method} ${path} → ${response.status} ${text}`;
    return { ok: response.ok, status: response.status, body: text };
  } catch (error) {
    result.textContent = `${init.method} ${path} failed: ${error}`;
    return { ok: false, status: 0, body: "" };
  }
}

const transfer = (to) => control("control/leader", {
  method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: Number(to) }),
});

$("put-form").addEventListener("submit", (event) => {
  event.preventDefault();
  control(`control/kv/${encodeURIComponent($("put-key").value)}`, {
    method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: $("put-value").value }),
  });
});

$("get-form").addEventListener("submit", (event) => {
  event.preventDefault();
  control(`control/kv/${encodeURIComponent($("get-key").value)}`, { method: "GET" });
});

$("transfer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  transfer($("transfer-to").value);
});

connect();
