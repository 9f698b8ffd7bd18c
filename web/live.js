// linkyd live page: draws /api/status and follows /api/events (server-sent events). No library.
"use strict";
(function () {
  var T = JSON.parse(document.getElementById("strings").textContent);
  var lang = document.documentElement.lang === "en" ? "en-GB" : "fr-FR";
  var nf = new Intl.NumberFormat(lang);
  var nf1 = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  var metersEl = document.getElementById("meters");
  var outputsEl = document.getElementById("outputs");
  var banner = document.getElementById("banner");
  var status = null, receivedAt = Date.now(), updates = 0;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function num(v) { return v == null ? "—" : nf.format(v); }
  function chip(cls, text) { return '<span class="chip ' + cls + '">' + esc(text) + "</span>"; }

  function ageText(seconds) {
    if (seconds == null) return "—";
    var s = seconds + (Date.now() - receivedAt) / 1000;
    var text = s < 10 ? nf1.format(s) + " s" : s < 120 ? nf.format(Math.round(s)) + " s"
      : s < 7200 ? nf.format(Math.round(s / 60)) + " min" : nf.format(Math.round(s / 3600)) + " h";
    return (T.ago ? T.ago + " " : "") + text;
  }

  function tempoChip(label, color) {
    return color ? chip("tempo-" + color, label + (lang === "fr-FR" ? " : " : ": ") + T["tempo_" + color]) : "";
  }

  function phases(m) {
    var n = Math.max(m.currents_a.length, m.voltages_v.length, m.apparent_power_per_phase_va.length);
    if (n === 0) return "";
    var hasU = m.voltages_v.length > 0, hasS = n > 1 && m.apparent_power_per_phase_va.length > 0;
    if (n === 1) {
      return '<p class="kv">' + esc(T.current) + ' <b data-field="current_1">' + num(m.currents_a[0]) + " A</b>" +
        (hasU ? " · " + esc(T.voltage) + " <b>" + num(m.voltages_v[0]) + " V</b>" : "") + "</p>";
    }
    var rows = "";
    for (var i = 0; i < n; i++) {
      rows += "<tr><th>" + (n > 1 ? "L" + (i + 1) : "") + "</th>" +
        '<td data-field="current_' + (i + 1) + '">' + num(m.currents_a[i]) + " A</td>" +
        (hasU ? "<td>" + num(m.voltages_v[i]) + " V</td>" : "") +
        (hasS ? "<td>" + num(m.apparent_power_per_phase_va[i]) + " VA</td>" : "") + "</tr>";
    }
    var head = "<tr><th>" + (n > 1 ? esc(T.phase) : "") + "</th><th>" + esc(T.current) + "</th>" +
      (hasU ? "<th>" + esc(T.voltage) + "</th>" : "") + (hasS ? "<th>VA</th>" : "") + "</tr>";
    var balance = "";
    var p = m.apparent_power_per_phase_va;
    if (n === 3 && p.length === 3) {
      var mean = (p[0] + p[1] + p[2]) / 3;
      var spread = mean > 0 ? Math.round((Math.max.apply(null, p) - Math.min.apply(null, p)) * 100 / mean) : 0;
      balance = '<p class="balance">' + esc(T.balance) + ' <b data-field="balance">' + spread + " %</b>" +
        '<span class="bars">' + p.map(function (v) {
          return '<i style="height:' + (mean > 0 ? Math.min(100, Math.round(v * 50 / mean)) : 0) + '%"></i>';
        }).join("") + "</span></p>";
    }
    return '<table class="phases">' + head + rows + "</table>" + balance;
  }

  function meterCard(name, m) {
    var power = m.apparent_power_va, sub = m.subscribed_power_va;
    var pct = power != null && sub ? Math.min(100, Math.round(power * 100 / sub)) : null;
    var chips = "";
    if (m.period) chips += chip("period " + m.period, T["period_" + m.period] || m.period);
    chips += tempoChip(T.tempo_today, m.tempo_today) + tempoChip(T.tempo_tomorrow, m.tempo_tomorrow);
    if (m.ejp_notice) chips += chip("warn", T.ejp_notice);
    if (m.ejp_peak) chips += chip("bad", T.ejp_peak);
    if (m.overpower) chips += chip("bad", T.overpower);
    var signal = m.signal;
    return '<section class="card meter" data-meter="' + esc(name) + '">' +
      '<header class="meter-head"><h2>' + esc(name) + "</h2>" +
      '<span class="signal ' + esc(signal) + '" data-field="signal"><i></i>' + esc(T["signal_" + signal] || signal) +
      ' · <span data-age="' + (m.last_frame_age_s == null ? "" : m.last_frame_age_s) + '">' + esc(ageText(m.last_frame_age_s)) + "</span></span></header>" +
      '<p class="label">' + esc(T.power) + "</p>" +
      '<p class="big"><span data-field="apparent_power_va" data-value="' + (power == null ? "" : power) + '">' + num(power) + "</span> <small>VA</small></p>" +
      (pct == null ? "" : '<div class="gauge" title="' + pct + ' %"><i style="width:' + pct + '%"></i></div>' +
        '<p class="muted small">' + pct + " % · " + num(sub) + " VA " + esc(T.subscribed) + "</p>") +
      (m.injected_power_va != null ? '<p class="injected">' + esc(T.injected) + ' <b data-field="injected_power_va">' + num(m.injected_power_va) + " VA</b></p>" : "") +
      (chips ? '<p class="chips">' + chips + "</p>" : "") +
      phases(m) +
      (m.energy_total_wh != null ? '<p class="muted small">' + esc(T.total) + " " + nf1.format(m.energy_total_wh / 1000) + " kWh · " +
        esc(m.mode || "") + " " + esc(m.meter || "") + "</p>" : "") +
      "</section>";
  }

  function reasonText(o) {
    var rest = o.reason.indexOf(": ") >= 0 ? o.reason.slice(o.reason.indexOf(": ") + 2) : "";
    switch (o.reason_kind) {
      case "initial": return T.reason_initial;
      case "rule": return T.reason_rule + (lang === "fr-FR" ? " « " + o.rule + " »" : " '" + o.rule + "'");
      case "shedding": return T.reason_shedding + (rest ? " : " + rest : "");
      case "failsafe": return T.reason_failsafe + (rest ? " : " + rest : "");
      default: return o.reason;
    }
  }

  function sinceText(iso) {
    if (!iso) return T.since_start;
    var d = new Date(iso), now = new Date();
    var opts = { hour: "2-digit", minute: "2-digit" };
    if (d.toDateString() !== now.toDateString()) { opts.day = "numeric"; opts.month = "short"; }
    return T.since + " " + d.toLocaleString(lang, opts);
  }

  function outputItem(name, o, shed) {
    return '<li class="output ' + o.state + '" data-output="' + esc(name) + '">' +
      '<span class="state" data-field="state">' + esc(T[o.state] || o.state) + "</span>" +
      '<span class="name">' + esc(name) + (shed ? " " + chip("warn", T.shed) : "") + "</span>" +
      '<span class="why">' + esc(reasonText(o)) + " · " + esc(sinceText(o.since)) +
      (o.pending ? " · " + esc(T.pending) + " " + esc(T[o.pending.state] || o.pending.state) : "") +
      (o.line_error ? ' · <span class="bad-text">' + esc(o.line_error) + "</span>" : "") + "</span></li>";
  }

  function render() {
    if (!status) return;
    var html = "";
    Object.keys(status.meters).forEach(function (name) { html += meterCard(name, status.meters[name]); });
    metersEl.innerHTML = html;
    var names = Object.keys(status.outputs);
    outputsEl.innerHTML = names.length ? names.map(function (n) {
      return outputItem(n, status.outputs[n], status.shed_loads.indexOf(n) >= 0);
    }).join("") : '<li class="muted">' + esc(T.no_outputs) + "</li>";
    if (status.stopped) { banner.textContent = T.stopped; banner.hidden = false; }
    document.body.dataset.updates = String(updates);
  }

  function apply(next) { status = next; receivedAt = Date.now(); updates++; render(); }

  setInterval(function () {
    var ages = document.querySelectorAll("[data-age]");
    for (var i = 0; i < ages.length; i++) {
      var v = ages[i].getAttribute("data-age");
      ages[i].textContent = ageText(v === "" ? null : Number(v));
    }
  }, 1000);

  function connect() {
    var source = new EventSource("/api/events");
    source.addEventListener("status", function (e) {
      banner.hidden = !(status && status.stopped);
      apply(JSON.parse(e.data));
    });
    source.addEventListener("switch", function (e) {
      var change = JSON.parse(e.data);
      var item = outputsEl.querySelector('[data-output="' + CSS.escape(change.output) + '"]');
      if (item) item.classList.add("flash");
    });
    source.onerror = function () {
      banner.textContent = T.disconnected;
      banner.hidden = false;
      // EventSource retries by itself after a dropped connection; not after an HTTP error.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
  }

  var initial = JSON.parse(document.getElementById("initial-status").textContent);
  if (initial) apply(initial);
  connect();
})();
