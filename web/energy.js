// linkyd: the /energy bars. Reads /api/energy (the rows of `linkyd report --json`), draws them with
// Debian's Chart.js (libjs-chart.js, served from /usr/share/javascript) stacked per tariff period, and
// always writes the same numbers in the table below (the page works without the library).
'use strict';
(function () {
  const S = JSON.parse(document.getElementById('strings').textContent);
  const setup = JSON.parse(document.getElementById('energy-setup').textContent);
  const card = document.getElementById('bars-card');
  if (!card || !setup.meters.length) return;
  const fr = setup.lang === 'fr';
  const locale = fr ? 'fr-FR' : 'en-GB';
  const order = ['base', 'hc', 'hp', 'hn', 'pm', 'hc-blue', 'hp-blue', 'hc-white', 'hp-white', 'hc-red', 'hp-red'];
  const colours = {
    base: '#0a7cff', hc: '#14a44d', hp: '#e8a100', hn: '#0a7cff', pm: '#d6293e',
    'hc-blue': '#7aa7f5', 'hp-blue': '#1f4fbf', 'hc-white': '#cfd6e0', 'hp-white': '#8a94a6',
    'hc-red': '#f2949f', 'hp-red': '#c0192d', injected: '#14a44d'
  };
  const extra = ['#9b59b6', '#16a085', '#d35400', '#2c3e50'];
  const canvas = document.getElementById('bars');
  const table = document.getElementById('bars-table');
  const missing = document.getElementById('library-missing');
  const hasChart = typeof window.Chart === 'function';
  if (!hasChart) { missing.hidden = false; canvas.parentElement.hidden = true; table.parentElement.open = true; }
  let chart = null;

  // Local calendar days as UTC dates (no time zone arithmetic in the browser).
  const day = (text) => { const [y, m, d] = text.split('-').map(Number); return new Date(Date.UTC(y, m - 1, d || 1)); };
  const iso = (date) => date.toISOString().slice(0, 10);
  const addDays = (date, n) => new Date(date.getTime() + n * 86400000);
  const monday = (date) => addDays(date, -((date.getUTCDay() + 6) % 7));
  const today = day(setup.today);
  const num = (value, digits) => value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const periodName = (p) => S['period_' + p] || (p === 'injected' ? S.injected : p);
  const colour = (p, i) => colours[p] || extra[i % extra.length];

  // The view: what the bars are (by) and the range they cover (unit from start).
  let view = { meter: setup.meters[0], by: 'day', unit: 'days', start: addDays(today, -30) };

  function views(by) {
    const y = today.getUTCFullYear(), m = today.getUTCMonth();
    switch (by) {
      case 'week': return { by, unit: 'weeks', start: addDays(monday(today), -7 * 11) };
      case 'month': return { by, unit: 'year', start: new Date(Date.UTC(y, 0, 1)) };
      case 'year': return { by, unit: 'all', start: null };
      default: return { by: 'day', unit: 'days', start: addDays(today, -30) };
    }
  }

  function range(v) {
    const s = v.start;
    switch (v.unit) {
      case 'day': return [s, s];
      case 'week': return [s, addDays(s, 6)];
      case 'days': return [s, addDays(s, 30)];
      case 'weeks': return [s, addDays(s, 7 * 12 - 1)];
      case 'month': return [s, addDays(new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 1)), -1)];
      case 'year': return [s, new Date(Date.UTC(s.getUTCFullYear(), 11, 31))];
      default: return [null, null];
    }
  }

  function shift(v, direction) {
    const s = v.start;
    if (!s) return v;
    const next = Object.assign({}, v);
    switch (v.unit) {
      case 'day': next.start = addDays(s, direction); break;
      case 'week': next.start = addDays(s, 7 * direction); break;
      case 'days': next.start = addDays(s, 31 * direction); break;
      case 'weeks': next.start = addDays(s, 7 * 12 * direction); break;
      case 'month': next.start = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + direction, 1)); break;
      case 'year': next.start = new Date(Date.UTC(s.getUTCFullYear() + direction, 0, 1)); break;
    }
    return next;
  }

  // The buckets of a view: keys in order, with their labels.
  function buckets(v, rows) {
    const [from, to] = range(v);
    const keys = [];
    if (v.by === 'hour') for (let h = 0; h < 24; h++) keys.push(String(h));
    else if (v.by === 'day') for (let d = from; d <= to; d = addDays(d, 1)) keys.push(iso(d));
    else if (v.by === 'week') for (let d = from; d <= to; d = addDays(d, 7)) keys.push(iso(d));
    else if (v.by === 'month') for (let mo = 0; mo < 12; mo++) keys.push(iso(new Date(Date.UTC(from.getUTCFullYear(), mo, 1))).slice(0, 7));
    else rows.forEach((r) => { if (!keys.includes(r.date)) keys.push(r.date); });
    return keys;
  }

  function keyOf(v, row) {
    if (v.by === 'hour') return String(row.hour);
    if (v.by === 'week') return iso(monday(day(row.date)));
    return row.date;
  }

  function label(v, key) {
    switch (v.by) {
      case 'hour': return key.padStart(2, '0') + ' h';
      case 'day': return day(key).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
      case 'week': return S.week + ' ' + day(key).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
      case 'month': return day(key).toLocaleDateString(locale, { month: 'short', timeZone: 'UTC' });
      default: return key;
    }
  }

  function title(v) {
    const [from, to] = range(v);
    const opts = { timeZone: 'UTC' };
    switch (v.unit) {
      case 'day': return from.toLocaleDateString(locale, Object.assign({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, opts));
      case 'month': return from.toLocaleDateString(locale, Object.assign({ month: 'long', year: 'numeric' }, opts));
      case 'year': return String(from.getUTCFullYear());
      case 'all': return '';
      default: return from.toLocaleDateString(locale, Object.assign({ day: 'numeric', month: 'short' }, opts)) + ' – ' +
        to.toLocaleDateString(locale, Object.assign({ day: 'numeric', month: 'short', year: 'numeric' }, opts));
    }
  }

  // A bar opened: a year → its months, a month or a week → its days, a day → its hours.
  function open(v, key) {
    switch (v.by) {
      case 'year': return { by: 'month', unit: 'year', start: day(key + '-01-01') };
      case 'month': return { by: 'day', unit: 'month', start: day(key + '-01') };
      case 'week': return { by: 'day', unit: 'week', start: day(key) };
      case 'day': return { by: 'hour', unit: 'day', start: day(key) };
      default: return null;
    }
  }

  function go(next) {
    if (!next) return;
    view = Object.assign({ meter: view.meter }, next);
    load();
  }

  async function load() {
    const v = view;
    const [from, to] = range(v);
    const query = new URLSearchParams({ meter: v.meter, by: v.by === 'week' ? 'day' : v.by });
    if (from) { query.set('from', iso(from)); query.set('to', iso(to)); }
    document.querySelectorAll('[data-by]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.by === v.by || (v.by === 'hour' && b.dataset.by === 'day'))));
    document.getElementById('bars-range').textContent = title(v);
    document.getElementById('bars-prev').disabled = !v.start;
    document.getElementById('bars-next').disabled = !v.start || (to && to >= today);
    let rows = [];
    try {
      const response = await fetch('/api/energy?' + query);
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      rows = body;
    } catch (error) {
      table.tBodies[0].innerHTML = '';
      table.tHead.innerHTML = '<tr><th>' + String(error.message).replace(/</g, '&lt;') + '</th></tr>';
      return;
    }
    if (v !== view) return;  // a newer view was asked meanwhile
    draw(v, rows);
  }

  function draw(v, rows) {
    const keys = buckets(v, rows);
    const periods = new Set();
    const byKey = {};
    let injection = false;
    keys.forEach((k) => { byKey[k] = { energy: {}, euros: null, wh: 0, injected: 0 }; });
    rows.forEach((r) => {
      const b = byKey[keyOf(v, r)];
      if (!b) return;
      Object.entries(r.energy_wh).forEach(([p, wh]) => { periods.add(p); b.energy[p] = (b.energy[p] || 0) + wh; });
      b.wh += r.total_wh;
      if (r.total_eur !== null) b.euros = (b.euros || 0) + r.total_eur;
      if (r.injected_wh !== null) { injection = true; b.injected += r.injected_wh; }
    });
    const sorted = [...periods].sort((a, b) => ((order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)) || a.localeCompare(b));
    // The table: one row per bar, the same numbers as the chart.
    let head = '<tr><th>' + S.date + '</th>' + sorted.map((p) => '<th>' + periodName(p) + '</th>').join('') +
      (injection ? '<th>' + S.injected + '</th>' : '') + '<th>' + S.sum + ' (kWh)</th><th>€</th></tr>';
    table.tHead.innerHTML = head;
    const body = keys.map((k, i) => {
      const b = byKey[k];
      const cells = sorted.map((p) => '<td>' + (b.energy[p] ? num(b.energy[p] / 1000, 2) : '–') + '</td>').join('');
      const link = open(v, k) ? '<a href="#" data-open="' + i + '">' + label(v, k) + '</a>' : label(v, k);
      return '<tr><th>' + link + '</th>' + cells + (injection ? '<td>' + num(b.injected / 1000, 2) + '</td>' : '') +
        '<td><b>' + num(b.wh / 1000, 2) + '</b></td><td>' + (b.euros === null ? '–' : num(b.euros, 2)) + '</td></tr>';
    }).join('');
    table.tBodies[0].innerHTML = body || '<tr><td>' + S.no_data + '</td></tr>';
    table.querySelectorAll('[data-open]').forEach((a) => a.addEventListener('click', (event) => {
      event.preventDefault();
      go(open(v, keys[Number(a.dataset.open)]));
    }));
    canvas.dataset.bars = String(rows.length ? keys.length : 0);
    canvas.dataset.view = v.by + ':' + (v.start ? iso(v.start) : 'all');
    if (!hasChart) return;
    const datasets = sorted.map((p, i) => ({
      label: periodName(p), data: keys.map((k) => (byKey[k].energy[p] || 0) / 1000),
      backgroundColor: colour(p, i), stack: 'withdrawn', borderRadius: 2
    }));
    if (injection) {
      datasets.push({ label: S.injected, data: keys.map((k) => byKey[k].injected / 1000), backgroundColor: colours.injected,
        stack: 'injected', borderColor: '#0b7a37', borderWidth: 1, borderRadius: 2 });
    }
    const data = { labels: keys.map((k) => label(v, k)), datasets };
    const styles = getComputedStyle(document.documentElement);
    const text = styles.getPropertyValue('--muted').trim() || '#667085';
    const grid = styles.getPropertyValue('--line').trim() || '#e3e7ee';
    if (chart) chart.destroy();
    chart = new window.Chart(canvas, {
      type: 'bar', data,
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {
          x: { stacked: true, ticks: { color: text, autoSkip: true, maxRotation: 0 }, grid: { display: false } },
          y: { stacked: true, ticks: { color: text }, grid: { color: grid }, title: { display: true, text: 'kWh', color: text } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: text, boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (item) => item.dataset.label + ' : ' + num(item.parsed.y, 2) + ' kWh',
              footer: (items) => {
                const b = byKey[keys[items[0].dataIndex]];
                return S.sum + ' : ' + num(b.wh / 1000, 2) + ' kWh' + (b.euros === null ? '' : ' · ' + num(b.euros, 2) + ' €');
              }
            }
          }
        },
        onHover: (event, elements) => { event.native.target.style.cursor = elements.length && open(v, keys[elements[0].index]) ? 'pointer' : 'default'; },
        onClick: (event, elements) => { if (elements.length) go(open(v, keys[elements[0].index])); }
      }
    });
  }

  document.querySelectorAll('[data-by]').forEach((button) => button.addEventListener('click', () => go(views(button.dataset.by))));
  document.getElementById('bars-prev').addEventListener('click', () => go(shift(view, -1)));
  document.getElementById('bars-next').addEventListener('click', () => go(shift(view, 1)));
  const select = document.getElementById('bars-meter');
  const asked = new URLSearchParams(location.search).get('meter');
  if (asked && setup.meters.includes(asked)) { view.meter = asked; select.value = asked; }
  select.addEventListener('change', () => { view = Object.assign({}, view, { meter: select.value }); load(); });
  load();
})();
