// Follows a WordPress import while it runs: polls the run's progress and moves the bar and its words, then, once the
// run has ended, brings in the report from the run's page, all without reloading. Without script the page reloads
// itself every few seconds instead (the <noscript> refresh), and a "Refresh" link does the same by hand.
(function () {
  var run = document.getElementById('run');
  var url = run && run.getAttribute('data-progress-url');
  if (!url) { return; }
  function poll() {
    fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (progress) {
        var bar = document.getElementById('import-progress');
        if (progress.barMax !== null) {
          bar.max = progress.barMax;
          bar.value = progress.barValue;
        }
        bar.textContent = progress.percent + '%';
        document.getElementById('import-words').textContent = progress.words;
        run.setAttribute('data-state', progress.state);
        if (progress.state === 'running') {
          setTimeout(poll, 500);
        } else {
          showReport();
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  // The report is drawn by the server, as on a visit: the run's own page, read again, gives it.
  function showReport() {
    fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var ended = page.getElementById('run');
        if (!ended) { return; }
        document.querySelector('main h1').textContent = page.querySelector('main h1').textContent;
        run.replaceWith(ended);
      })
      .catch(function () { setTimeout(showReport, 2000); });
  }
  setTimeout(poll, 300);
})();
