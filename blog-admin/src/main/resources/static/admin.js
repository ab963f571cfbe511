// Live preview of the post body: the server renders the Markdown exactly as the site will. Without
// JavaScript, "Save and preview" shows the same.
(function () {
  var body = document.querySelector('textarea[data-preview]');
  if (!body) { return; }
  var target = document.getElementById(body.getAttribute('data-preview'));
  var token = document.querySelector('meta[name=csrf-token]');
  var header = document.querySelector('meta[name=csrf-header]');
  var timer = null;
  function render() {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (token && header) { headers[header.content] = token.content; }
    fetch('/posts/preview', { method: 'POST', headers: headers, credentials: 'same-origin',
        body: 'body=' + encodeURIComponent(body.value) })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) { target.innerHTML = html; })
      .catch(function () { /* keep the last preview */ });
  }
  body.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 400); });
  if (body.value) { render(); }
})();

// Destructive actions ask first. A form, the button that sent it, or the chosen option of one of its selects may
// carry data-confirm="question"; the browser's own dialog asks it, and Cancel leaves everything as it was. The
// server still checks every role: this only saves staff from a slip of the finger.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = event.submitter && event.submitter.getAttribute('data-confirm');
  if (!question) {
    var chosen = form.querySelector('select option:checked[data-confirm]');
    question = chosen ? chosen.getAttribute('data-confirm') : form.getAttribute('data-confirm');
  }
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
