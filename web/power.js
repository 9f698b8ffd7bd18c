// linkyd: the /power curves. Reads /api/power (the power series, the tariff periods and the events of
// the history) and draws them with Debian's dygraphs (libjs-dygraphs, served from /usr/share/javascript):
// drag to zoom, shift-drag to pan, the values under the pointer in the legend, the periods as bands
// behind the curve (underlayCallback) and the events as marks. Without the library: a table.
'use strict';
(function () {
  const S = JSON.parse(document.getElementById('strings').textContent);
  const setup = JSON.parse(document.getElementById('power-setup').textContent);
  const card = document.getElementById('power-card');
  if (!card || !setup.meters.length) return;
  const locale = setup.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const graphDiv = document.getElementById('power-graph');
  const legend = document.getElementById('power-legend');
  const hasLibrary = typeof window.Dygraph === 'function';
  if (!hasLibrary) { document.getElementById('library-missing').hidden = false; graphDiv.hidden = true; }
  const bands = {
    base: 'rgba(10,124,255,.08)', hc: 'rgba(20,164,77,.14)', hp: 'rgba(232,161,0,.12)', hn: 'rgba(10,124,255,.08)',
    pm: 'rgba(214,41,62,.22)', 'hc-blue': 'rgba(122,167,245,.20)', 'hp-blue': 'rgba(31,79,191,.16)',
    'hc-white': 'rgba(160,170,185,.16)', 'hp-white': 'rgba(110,120,140,.22)', 'hc-red': 'rgba(242,148,159,.25)', 'hp-red': 'rgba(192,25,45,.25)'
  };
  const marks = { switched: '#0a7cff', 'meter-lost': '#d6293e', 'meter-back': '#14a44d', 'ejp-notice': '#e8a100', overpower: '#d6293e' };
  const pad = (n) => String(n).padStart(2, '0');
  const isoDay = (date) => date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  const num = (value) => value === null || value === undefined ? '–' : Math.round(value).toLocaleString(locale);
  const periodName = (p) => S['period_' + p] || p;
  let state = { meter: setup.meters[0], span: '24h' };
  let graph = null;

  function spanHours(span) { return { '6h': 6, '24h': 24, '7d': 168, '30d': 720 }[span] || 24; }

  async function load() {
    const asked = Object.assign({}, state);
    const hours = spanHours(asked.span);
    const end = Date.now();
    const start = end - hours * 3600000;
    const query = new URLSearchParams({ meter: asked.meter, from: isoDay(new Date(start)), to: isoDay(new Date(end)), step: hours <= 24 ? '1m' : '1h' });
    document.querySelectorAll('[data-span]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.span === asked.span)));
    let body;
    try {
      const response = await fetch('/api/power?' + query);
      body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
    } catch (error) {
      legend.textContent = error.message;
      return;
    }
    if (asked.meter !== state.meter || asked.span !== state.span) return;
    draw(body, asked, [start, end]);
  }

  function draw(body, asked, span) {
    const columns = body.columns;
    const col = (name) => columns.indexOf(name);
    const meter = body.meters[asked.meter] || { rows: [], periods: [] };
    const rows = meter.rows;
    const threePhase = rows.some((r) => r[col('p2_mean')] !== null);
    const injection = rows.some((r) => r[col('inj_mean')] !== null && r[col('inj_mean')] > 0);
    const series = [['p_mean', S.total_power]];
    if (threePhase) [1, 2, 3].forEach((p) => series.push(['p' + p + '_mean', S.phase + ' ' + p]));
    if (injection) series.push(['inj_mean', S.injection_power]);
    const step = body.step === '1m' ? 60000 : body.step === '1h' ? 3600000 : 86400000;
    // Points, with a gap (nulls) where the history has none for more than 10 minutes (or 2.5 steps):
    // a silence is not drawn as a line.
    const gap = Math.max(2.5 * step, 600000);
    const data = [];
    let last = null;
    rows.forEach((r) => {
      if (last !== null && r[0] - last > gap) data.push([new Date(last + step)].concat(series.map(() => null)));
      data.push([new Date(r[0])].concat(series.map(([name]) => r[col(name)])));
      last = r[0];
    });
    graphDiv.dataset.points = String(rows.length);
    graphDiv.dataset.series = String(series.length);
    events(body.events);
    key(meter.periods);
    if (!hasLibrary) { table(series, data); return; }
    const periods = meter.periods;
    const underlay = (canvas, area, g) => {
      const [x0, x1] = g.xAxisRange();
      periods.forEach(([t, period], i) => {
        const next = i + 1 < periods.length ? periods[i + 1][0] : x1;
        if (next < x0 || t > x1) return;
        const left = g.toDomXCoord(Math.max(t, x0)), right = g.toDomXCoord(Math.min(next, x1));
        canvas.fillStyle = bands[period] || 'rgba(128,128,128,.08)';
        canvas.fillRect(left, area.y, right - left, area.h);
      });
      body.events.forEach((event) => {
        if (event.t < x0 || event.t > x1 || !marks[event.kind]) return;
        const x = g.toDomXCoord(event.t);
        canvas.fillStyle = marks[event.kind];
        canvas.fillRect(x - 1, area.y, 2, area.h);
      });
    };
    const options = {
      labels: ['t'].concat(series.map(([, label]) => label)),
      labelsDiv: legend, legend: 'always', labelsSeparateLines: false,
      ylabel: 'VA', includeZero: true, connectSeparatedPoints: false, drawPoints: false,
      colors: ['#0a7cff', '#e8a100', '#9b59b6', '#16a085', '#14a44d'].slice(0, series.length),
      fillGraph: series.length === 1, strokeWidth: 1.5, dateWindow: span,
      underlayCallback: underlay, valueFormatter: (value, opts, name) => name === 't' ? new Date(value).toLocaleString(locale) : num(value) + ' VA',
      axes: {
        x: { axisLabelFormatter: (d, granularity) => granularity >= window.Dygraph.Granularity.DAILY
          ? d.toLocaleDateString(locale, { day: 'numeric', month: 'short' })
          : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) },
        y: { axisLabelWidth: 50, valueFormatter: (v) => num(v) + ' VA' }
      }
    };
    if (graph) graph.destroy();
    graph = new window.Dygraph(graphDiv, data.length ? data : [[new Date(span[0]), ...series.map(() => null)], [new Date(span[1]), ...series.map(() => null)]], options);
    window.linkydPowerGraph = graph;
  }

  function events(list) {
    const tbody = document.getElementById('power-events').tBodies[0];
    const shown = list.filter((e) => e.kind !== 'index-rejected').slice(-50).reverse();
    tbody.innerHTML = shown.map((e) => '<tr><td><time datetime="' + e.time + '">' + new Date(e.t).toLocaleString(locale) + '</time></td><td>' +
      '<span class="dot" style="background:' + (marks[e.kind] || 'var(--muted)') + '"></span>' + (S['ev_' + e.kind] || e.kind) + ' — ' +
      e.detail.replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</td></tr>').join('') || '<tr><td>' + S.no_events_range + '</td></tr>';
  }

  function key(periods) {
    const seen = [...new Set(periods.map(([, p]) => p))];
    document.getElementById('period-key').innerHTML = seen.map((p) => '<span class="chip" style="background:' + (bands[p] || 'transparent') + '">' + periodName(p) + '</span>').join('');
  }

  // Without dygraphs: the values, one row per hour (or per point beyond an hour).
  function table(series, data) {
    const t = document.getElementById('power-table');
    t.hidden = false;
    t.tHead.innerHTML = '<tr><th>' + S.time + '</th>' + series.map(([, label]) => '<th>' + label + ' (VA)</th>').join('') + '</tr>';
    const hourly = [];
    data.forEach((row) => { if (row[1] !== null && (!hourly.length || row[0] - hourly[hourly.length - 1][0] >= 3600000)) hourly.push(row); });
    t.tBodies[0].innerHTML = hourly.slice(-72).reverse().map((row) => '<tr><th>' + row[0].toLocaleString(locale) + '</th>' +
      row.slice(1).map((v) => '<td>' + num(v) + '</td>').join('') + '</tr>').join('') || '<tr><td>' + S.no_data + '</td></tr>';
  }

  document.querySelectorAll('[data-span]').forEach((button) => button.addEventListener('click', () => { state.span = button.dataset.span; load(); }));
  document.getElementById('power-reset').addEventListener('click', () => { if (graph) graph.resetZoom(); });
  const select = document.getElementById('power-meter');
  const asked = new URLSearchParams(location.search).get('meter');
  if (asked && setup.meters.includes(asked)) { state.meter = asked; select.value = asked; }
  select.addEventListener('change', () => { state.meter = select.value; load(); });
  load();
})();
