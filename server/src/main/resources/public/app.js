// Preflight's what-if page: a form over GET /v1/plan whose state lives in the query string.
//
// One question, one request: /v1/plan answers impact, cost, risk and the verdict in one JSON
// document (the bytes of `preflight plan --format json`), so every number on the page comes from
// the same snapshot of the graph. Completion asks /v1/packages?prefix=, the form's choices come
// from /v1/graphs. The query string uses the API's parameter names, so a page URL and an API URL
// differ only in their path. Vanilla JS, no build step, nothing fetched from another origin.
'use strict';

(function () {
  const FIELDS = ['change', 'graph', 'policy', 'scheduler', 'builders', 'slots', 'deadline'];
  const BUILD_FIRST_SHOWN = 20;
  const $ = (id) => document.getElementById(id);
  let planSeq = 0;
  let graphs = [];
  // API parameters a link carries that the form has no field for (pin, order, top, sizes, ...):
  // kept and passed on, so a hand-made link keeps its whole question.
  let extra = new URLSearchParams();

  // ---- Formatting: the same strings as dev.preflight.report.Fmt (Locale.ROOT) in the CLI tables.

  function group(s) {
    const neg = s.startsWith('-');
    const [int, frac] = (neg ? s.slice(1) : s).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (neg ? '-' : '') + grouped + (frac === undefined ? '' : '.' + frac);
  }
  const fmt = {
    count: (n) => group(String(Math.round(n))),
    fixed: (x, decimals) => group(x.toFixed(decimals)),
    money: (x) => group(x.toFixed(2)),
    // Fmt.shortDuration: 3h 05m, 4m 09s or 12s.
    shortDuration(seconds) {
      const s = Math.round(seconds);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const sec = s % 60;
      const two = (v) => String(v).padStart(2, '0');
      if (h > 0) return h + 'h ' + two(m) + 'm';
      if (m > 0) return m + 'm ' + two(sec) + 's';
      return sec + 's';
    },
    // Fmt.duration: 3h 05m (11,109 s).
    duration: (seconds) => fmt.shortDuration(seconds) + ' (' + group(seconds.toFixed(0)) + ' s)',
    // Fmt.hours: 6.5 h from an hour on, else 42 min.
    hours: (seconds) =>
      seconds >= 3600 ? (seconds / 3600).toFixed(1) + ' h' : (seconds / 60).toFixed(0) + ' min',
  };

  // ---- DOM helpers: text only (package names come from graph files; never parsed as HTML).

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function setValue(id, text, raw) {
    const node = $(id);
    node.textContent = text;
    if (raw !== undefined) node.dataset.value = String(raw);
  }

  // ---- A server started with --token-file wants `Authorization: Bearer TOKEN` on /v1/ (the page
  // itself is public). The token is asked for after a 401 and kept in this tab's sessionStorage:
  // never in the URL, so a shared link never carries it.

  const TOKEN_KEY = 'preflight.token';
  function headers() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Accept: 'application/json', Authorization: 'Bearer ' + token } : { Accept: 'application/json' };
  }
  function askForToken() {
    $('auth').hidden = false;
  }
  async function useToken() {
    const token = $('token').value.trim();
    if (token === '') return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    $('auth').hidden = true;
    hideError();
    await loadGraphs();
    restore(new URLSearchParams(location.search));
    if ($('change').value.trim() !== '') run();
  }

  // ---- The URL is the state.

  function formParams() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = $(name).value.trim();
      if (value !== '') params.set(name, value);
    }
    for (const [name, value] of extra) params.append(name, value);
    return params;
  }
  function restore(params) {
    extra = new URLSearchParams([...params].filter(([name]) => !FIELDS.includes(name)));
    $('extra').textContent = extra.toString() === '' ? '' : 'Also from the link: ' + [...extra].map(([k, v]) => k + '=' + v).join(', ');
    for (const name of FIELDS) {
      const value = params.get(name);
      if (value === null) continue;
      const field = $(name);
      if (field.tagName === 'SELECT' && ![...field.options].some((o) => o.value === value)) {
        // Unknown to this page (a graph loaded later, a new scheduler): keep it; the API decides.
        field.append(el('option', { value }, value));
      }
      field.value = value;
    }
    describeGraph();
  }

  // ---- Graphs: names, sizes and each graph's default policy.

  async function loadGraphs() {
    const select = $('graph');
    try {
      const response = await fetch('v1/graphs', { headers: headers() });
      if (response.status === 401) askForToken();
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      graphs = body.graphs;
    } catch (e) {
      graphs = [];
      showError('Could not list the graphs (' + e.message + '); the server\'s default graph is used.');
    }
    select.replaceChildren();
    for (const g of graphs) select.append(el('option', { value: g.name }, g.name));
    if (graphs.length === 0) select.append(el('option', { value: '' }, 'default'));
    const preferred = graphs.find((g) => g.default);
    if (preferred) select.value = preferred.name;
    select.disabled = graphs.length <= 1;
    describeGraph();
  }
  function describeGraph() {
    const g = graphs.find((x) => x.name === $('graph').value);
    const policy = g && g.defaultPolicy;
    $('policy-default').textContent = policy ? 'default (' + policy + ')' : 'default';
    $('graph-help').textContent = g ? fmt.count(g.nodes) + ' nodes, ' + fmt.count(g.edges) + ' edges' : '\u00a0';
  }

  // ---- Completion: the WAI-ARIA Authoring Practices "combobox with list autocomplete" pattern
  // (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in the input, the active
  // option is announced through aria-activedescendant, Enter or a click picks, Escape closes.
  // It completes the comma-separated part under the cursor, as --change takes a list.

  function setupCompletion() {
    const input = $('change');
    const list = $('change-options');
    let names = [];
    let active = -1;
    let controller = null;
    let timer = 0;

    function part() {
      const value = input.value;
      const cut = value.lastIndexOf(',') + 1;
      return { head: value.slice(0, cut), prefix: value.slice(cut).trim() };
    }
    function close() {
      list.hidden = true;
      list.replaceChildren();
      names = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', list.children[index].id);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function choose(name) {
      const { head } = part();
      input.value = head + name;
      close();
      input.focus();
    }
    async function suggest() {
      const { prefix } = part();
      if (prefix === '') return close();
      if (controller) controller.abort();
      controller = new AbortController();
      const query = new URLSearchParams({ prefix });
      if ($('graph').value) query.set('graph', $('graph').value);
      try {
        const response = await fetch('v1/packages?' + query, { headers: headers(), signal: controller.signal });
        if (!response.ok) return close();
        const body = await response.json();
        names = body.names;
      } catch (e) {
        if (e.name !== 'AbortError') close();
        return;
      }
      list.replaceChildren(
        ...names.map((name, i) =>
          el('li', { id: 'change-option-' + i, role: 'option', 'aria-selected': 'false', 'data-value': name }, name)));
      list.hidden = names.length === 0;
      input.setAttribute('aria-expanded', String(names.length > 0));
      active = -1;
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) {
        if (e.key === 'ArrowDown' && part().prefix !== '') {
          e.preventDefault();
          suggest();
        }
        return;
      }
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        highlight((active + 1) % names.length);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        highlight(active <= 0 ? names.length - 1 : active - 1);
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(names[active]);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 100));
    // A press on an option must not blur the input first (the list would close under the click).
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const option = e.target.closest('[role="option"]');
      if (option) choose(option.dataset.value);
    });
  }

  // ---- Asking the API.

  async function run() {
    const params = formParams();
    const query = params.toString();
    history.replaceState(null, '', query ? '?' + query : location.pathname);
    if (!params.get('change')) {
      showError('Name at least one changed package.');
      $('change').focus();
      return;
    }
    const seq = ++planSeq;
    hideError();
    document.body.dataset.state = 'loading';
    $('results').setAttribute('aria-busy', 'true');
    $('status').textContent = 'Simulating ' + params.get('change') + '…';
    const started = performance.now();
    let response;
    let text;
    try {
      response = await fetch('v1/plan?' + query, { headers: headers() });
      text = await response.text();
    } catch (e) {
      if (seq !== planSeq) return;
      return failed('The server did not answer (' + e.message + ').');
    }
    if (seq !== planSeq) return; // a newer question is under way
    let body = null;
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
    if (response.status === 401) askForToken();
    if (!response.ok || body === null) return failed(apiError(response.status, body, text));
    try {
      render(body, query);
    } catch (e) {
      return failed('The answer could not be shown: ' + e.message);
    }
    const ms = Math.round(performance.now() - started);
    $('status').textContent = 'Answered in ' + ms + ' ms.';
    $('results').removeAttribute('aria-busy');
    document.body.dataset.query = query;
    document.body.dataset.state = 'ready';
  }

  function failed(message) {
    showError(message);
    $('results').hidden = true; // no answer to another question under this one's error
    $('status').textContent = '';
    $('results').removeAttribute('aria-busy');
    document.body.dataset.state = 'error';
  }

  // An API error as a sentence, plus the closest names as buttons that ask again with the name.
  function apiError(status, body, text) {
    // The API's one error shape: {status, error, parameter, message, closest} (server's ApiError).
    const err = body || {};
    const message = err.message || (text && text.length < 300 ? text.trim() : 'the server answered ' + status);
    const parameter = err.parameter;
    const closest = err.closest || [];
    const node = el('div');
    const what = typeof err.error === 'string' ? err.error : 'error';
    node.append(el('p', { class: 'error-title' }, what.charAt(0).toUpperCase() + what.slice(1) + ' (' + status + ')' + (parameter ? ' in ' + parameter : '') + ': ' + message));
    if (Array.isArray(closest) && closest.length > 0) {
      const p = el('p', { class: 'closest' }, 'Did you mean ');
      closest.forEach((name, i) => {
        const button = el('button', { type: 'button', class: 'suggestion' }, name);
        button.addEventListener('click', () => {
          replaceUnknown(parameter, message, name);
          run();
        });
        if (i > 0) p.append(', ');
        p.append(button);
      });
      p.append('?');
      node.append(p);
    }
    return node;
  }

  // Replaces the unknown name the error quotes ('zlb') by a suggestion, in the field it came from.
  function replaceUnknown(parameter, message, name) {
    const field = $(FIELDS.includes(parameter) ? parameter : 'change');
    const quoted = /'([^']+)'/.exec(message);
    if (field.tagName === 'SELECT') {
      if (![...field.options].some((o) => o.value === name)) field.append(el('option', { value: name }, name));
      field.value = name;
      return;
    }
    const parts = field.value.split(',').map((s) => s.trim());
    const at = quoted ? parts.indexOf(quoted[1]) : -1;
    if (at >= 0) parts[at] = name;
    else parts[parts.length - 1] = name;
    field.value = parts.join(',');
  }

  function showError(content) {
    const box = $('error');
    box.replaceChildren(content instanceof Node ? content : el('p', {}, content));
    box.hidden = false;
  }
  function hideError() {
    $('error').hidden = true;
    $('error').replaceChildren();
  }

  // ---- Rendering one plan document.

  function render(plan, query) {
    const { impact, cost, risk, verdict } = plan;
    $('results').hidden = false;
    const v = $('verdict');
    v.textContent = verdict.text;
    v.className = 'verdict ' + (verdict.fits ? 'fits' : 'misses');

    setValue('rebuild-count', fmt.count(impact.rebuildCount), impact.rebuildCount);
    setValue('makespan', fmt.duration(cost.makespanSeconds), cost.makespanSeconds);
    setValue('cost', fmt.money(cost.cost), cost.cost);
    setValue('cpu-hours', fmt.fixed(cost.cpuHours, 1), cost.cpuHours);
    setValue('expected-failures', fmt.fixed(risk.expectedNewFailures, 1), risk.expectedNewFailures);
    setValue('cluster', cost.cluster, cost.cluster);
    $('cluster-note').textContent = fmt.count(cost.slots) + ' slots, ' + cost.scheduler;
    $('share').href = location.href;
    $('json-link').href = 'v1/plan?' + query;

    const systems = $('by-system').tBodies[0];
    systems.replaceChildren(
      ...Object.entries(impact.bySystem).map(([system, count]) => {
        const r = (risk.bySystem && risk.bySystem[system]) || {};
        return el('tr', { 'data-system': system },
          el('th', { scope: 'row' }, system),
          el('td', { class: 'num' }, fmt.count(count)),
          el('td', { class: 'num' }, r.newlyAtRisk === undefined ? '' : fmt.count(r.newlyAtRisk)),
          el('td', { class: 'num' }, r.alreadyBroken === undefined ? '' : fmt.count(r.alreadyBroken)));
      }));

    $('labels').replaceChildren(...impact.labels.map((label) => el('li', {}, el('code', {}, label))));

    renderCurve(cost, verdict);

    const steps = cost.criticalPathSteps || [];
    $('critical-total').textContent =
      fmt.duration(cost.criticalPathSeconds) + ' over ' + fmt.count(steps.length) + (steps.length === 1 ? ' build' : ' builds') +
      (cost.makespanOverLowerBound !== undefined ? '; makespan / lower bound ' + cost.makespanOverLowerBound.toFixed(3) : '');
    $('critical-path').replaceChildren(
      ...steps.map((s) => el('li', { title: s.id }, el('span', { class: 'name' }, s.name), ' ', el('span', { class: 'dur' }, fmt.shortDuration(s.seconds)))));

    renderBuildFirst(risk);

    const risky = $('risky').tBodies[0];
    risky.replaceChildren(
      ...(risk.top || []).map((t, i) =>
        el('tr', { title: t.id },
          el('td', { class: 'num' }, i + 1),
          el('td', {}, t.name),
          el('td', {}, t.system),
          el('td', {}, t.class),
          el('td', { class: 'num' }, t.probability.toFixed(3)),
          el('td', { class: 'num' }, t.ownProbability.toFixed(3)),
          el('td', { class: 'why' }, (t.reasons || []).join('; ')))));
    if (risky.rows.length === 0) risky.append(el('tr', {}, el('td', { colspan: 7 }, 'none')));
  }

  function renderBuildFirst(risk) {
    const ids = risk.buildFirst || [];
    const c = risk.buildFirstCost;
    $('build-first-note').textContent =
      'Most expected failures found per CPU-hour, in build order: ' + fmt.count(ids.length) + ' builds' +
      (c ? ', ' + c.cpuHours.toFixed(2) + ' of ' + c.budgetHours.toFixed(2) + ' CPU-hours budget (the whole rebuild: ' + c.rebuildCpuHours.toFixed(2) + ')' : '') + '.';
    const list = $('build-first');
    const more = $('build-first-more');
    const show = (n) => {
      list.replaceChildren(...ids.slice(0, n).map((id) => el('li', {}, id)));
      more.hidden = ids.length <= n;
      more.textContent = 'Show all ' + fmt.count(ids.length);
    };
    more.onclick = () => show(ids.length);
    show(BUILD_FIRST_SHOWN);
  }

  // ---- Charts: inline SVG, x on a log2 scale (the curve doubles the cluster), y from zero with
  // round 1-2-5 ticks.

  function niceStep(range, count) {
    const raw = range / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  }
  function trim(x) {
    // 0.5, 2, 2.5: no float noise from step arithmetic.
    return String(parseFloat(x.toPrecision(12)));
  }

  function renderCurve(cost, verdict) {
    const curve = cost.curve || [];
    const hours = (s) => s / 3600;
    const deadlineH = hours(verdict.deadlineSeconds);
    lineChart($('chart-makespan'), {
      title: 'Makespan (hours) by machines',
      points: curve.map((c) => ({ x: c.machines, y: hours(c.makespanSeconds), size: c.size,
        cls: c.makespanSeconds <= verdict.deadlineSeconds ? 'fits' : 'misses',
        tip: fmt.count(c.machines) + ' machines: ' + fmt.duration(c.makespanSeconds) })),
      yUnit: ' h',
      hline: { y: deadlineH, label: 'deadline ' + fmt.hours(verdict.deadlineSeconds) },
    });
    lineChart($('chart-cost'), {
      title: 'Cost by machines',
      points: curve.map((c) => ({ x: c.machines, y: c.cost, size: c.size,
        cls: c.size === cost.knee ? 'knee' : '',
        tip: fmt.count(c.machines) + ' machines: cost ' + fmt.money(c.cost) })),
      yUnit: '',
      knee: cost.knee,
    });
    $('curve').tBodies[0].replaceChildren(
      ...curve.map((c) =>
        el('tr', { class: c.size === 1 ? 'current' : null },
          el('td', { class: 'num' }, c.size),
          el('td', { class: 'num' }, fmt.count(c.machines)),
          el('td', { class: 'num' }, fmt.count(c.slots)),
          el('td', { class: 'num' }, fmt.duration(c.makespanSeconds)),
          el('td', { class: 'num' }, fmt.money(c.cost)),
          el('td', { class: 'num' }, fmt.fixed(c.cpuHours, 1)))));
  }

  function lineChart(figure, { title, points, yUnit, hline, knee }) {
    const W = 460, H = 250, L = 58, R = 14, T = 14, B = 44;
    figure.replaceChildren();
    if (points.length === 0) {
      figure.append(el('figcaption', {}, title + ': no curve'));
      return;
    }
    const lx = points.map((p) => Math.log2(p.x));
    let x0 = Math.min(...lx);
    let x1 = Math.max(...lx);
    if (x1 - x0 < 1e-9) { x0 -= 1; x1 += 1; }
    const ymaxData = Math.max(...points.map((p) => p.y), hline ? hline.y : 0);
    const step = niceStep(ymaxData > 0 ? ymaxData : 1, 4);
    const ymax = Math.ceil((ymaxData > 0 ? ymaxData : 1) / step - 1e-9) * step;
    const X = (x) => L + ((Math.log2(x) - x0) / (x1 - x0)) * (W - L - R);
    const Y = (y) => H - B - (y / ymax) * (H - T - B);

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title + ', ' + points.length + ' cluster sizes' });
    const grid = svg('g', { class: 'grid' });
    for (let y = 0; y <= ymax + step / 2; y += step) {
      grid.append(svg('line', { x1: L, x2: W - R, y1: Y(y), y2: Y(y) }));
      grid.append(svg('text', { x: L - 6, y: Y(y) + 4, 'text-anchor': 'end' }, trim(y) + yUnit));
    }
    // x ticks at the curve's machine counts: the doubling sizes themselves; every other one when crowded.
    const every = points.length > 8 ? 2 : 1;
    points.forEach((p, i) => {
      if (i % every !== 0) return;
      grid.append(svg('line', { class: 'tick', x1: X(p.x), x2: X(p.x), y1: H - B, y2: H - B + 4 }));
      grid.append(svg('text', { x: X(p.x), y: H - B + 17, 'text-anchor': 'middle' }, fmt.count(p.x)));
    });
    grid.append(svg('text', { class: 'axis-title', x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' }, 'machines (log\u2082 scale)'));
    root.append(grid);
    root.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    root.append(svg('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }));

    if (hline) {
      root.append(svg('line', { class: 'deadline', x1: L, x2: W - R, y1: Y(hline.y), y2: Y(hline.y) }));
      root.append(svg('text', { class: 'deadline-label', x: W - R - 4, y: Y(hline.y) - 5, 'text-anchor': 'end' }, hline.label));
    }
    root.append(svg('polyline', { class: 'series', points: points.map((p) => X(p.x) + ',' + Y(p.y)).join(' ') }));
    for (const p of points) {
      const dot = svg('circle', { class: 'point ' + p.cls + (p.size === 1 ? ' current' : ''), cx: X(p.x), cy: Y(p.y), r: p.size === 1 ? 5.5 : 4 });
      dot.append(svg('title', {}, p.tip));
      root.append(dot);
      // Labels above the point, or below it when the point sits in the top third of the plot.
      if (p.size === 1) {
        // Above and right of the point, clear of a curve that falls from it; below it at the top.
        const y = Y(p.y) - 9 < T ? Y(p.y) + 17 : Y(p.y) - 9;
        root.append(svg('text', { class: 'point-label', x: X(p.x) + 8, y }, 'this cluster'));
      }
    }
    const kneePoint = points.find((p) => knee !== undefined && p.size === knee);
    const caption = title + (kneePoint ? '; filled: the knee, ' + fmt.count(kneePoint.x) + ' machines' : '');
    figure.append(root, el('figcaption', {}, caption));
  }

  // ---- Start: graphs first (the form's choices), then the question in the URL, if any.

  async function start() {
    setupCompletion();
    $('graph').addEventListener('change', describeGraph);
    $('auth').addEventListener('submit', (e) => {
      e.preventDefault();
      useToken();
    });
    $('query').addEventListener('submit', (e) => {
      e.preventDefault();
      run();
    });
    await loadGraphs();
    const params = new URLSearchParams(location.search);
    restore(params);
    if (params.get('change')) run();
    else document.body.dataset.state = 'idle';
  }

  start();
})();
