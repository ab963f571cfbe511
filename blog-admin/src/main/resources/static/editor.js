// The post editor's help while writing: images uploaded from the body (button, drop, paste) with a prompt for
// their text alternative, a cover picked from the library or uploaded, autosave to the server, a warning before
// leaving unsaved text, Ctrl/Cmd+S, word count and reading time, and suggestions of existing terms. Everything
// here adds to a form that works without it (the live preview is in admin.js).
(function () {
  'use strict';
  var form = document.querySelector('form.editor[data-autosave]');
  if (!form) { return; }
  var body = form.querySelector('#body');
  var token = document.querySelector('meta[name=csrf-token]');
  var header = document.querySelector('meta[name=csrf-header]');

  function withToken(headers) {
    if (token && header) { headers[header.content] = token.content; }
    return headers;
  }

  /**
   * The answer's JSON when it is a success, else a rejection carrying a message for staff. An answer that is not
   * JSON (the sign-in page, after the session ended) is never taken for a success.
   */
  function json(response) {
    var type = response.headers.get('Content-Type') || '';
    if (response.redirected || type.indexOf('json') < 0) {
      return Promise.reject(response.redirected || response.status === 401 || response.status === 403
        ? 'you seem to be signed out: sign in again in another tab, then save.'
        : 'the server answered ' + response.status + '.');
    }
    return response.json().catch(function () { return {}; }).then(function (answer) {
      if (response.ok && !answer.error) { return answer; }
      return Promise.reject(answer.error || 'the server answered ' + response.status + '.');
    });
  }

  // ---- word count and reading time (about 220 words a minute, as the site reckons it)

  var stats = document.getElementById('body-stats');
  function words(markdown) {
    var text = markdown
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]*>/g, ' ')
      .replace(/^\s*https?:\/\/\S+\s*$/gm, ' ');
    var found = text.match(/[^\s#>*_`~|=\-+.:;,!?()\[\]{}"“”‘’]+/g);
    return found ? found.length : 0;
  }
  function count() {
    var n = words(body.value);
    var minutes = Math.max(1, Math.round(n / 220));
    stats.textContent = n.toLocaleString('en-GB') + (n === 1 ? ' word' : ' words') + ' · about ' + minutes
      + (minutes === 1 ? ' minute' : ' minutes') + ' to read';
  }
  body.addEventListener('input', count);
  count();

  // ---- autosave: a few seconds after typing stops, and at once on Ctrl/Cmd+S

  var status = document.getElementById('autosave-status');
  var autosaveUrl = form.getAttribute('data-autosave');
  var timer = null;
  var inFlight = false;
  var again = false;
  var submitting = false;
  var heldSubmit = null;
  var lastSaved = snapshot();
  var AUTOSAVE_AFTER_MS = 2000;

  function snapshot() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== 'action') { data.append(name, value); }
    });
    return data.toString();
  }
  function unsaved() { return snapshot() !== lastSaved; }

  /** What the status line says, and the same as a word for styles and tests: unsaved, saving, saved or failed. */
  function show(state, text) {
    status.setAttribute('data-state', state);
    status.textContent = text;
  }

  function changed() {
    if (!unsaved()) { return; }
    show('unsaved', 'Unsaved changes');
    clearTimeout(timer);
    timer = setTimeout(autosave, AUTOSAVE_AFTER_MS);
  }

  function autosave() {
    clearTimeout(timer);
    if (inFlight) { again = true; return; }
    var data = snapshot();
    if (data === lastSaved) { return; }
    inFlight = true;
    show('saving', 'Saving…');
    fetch(autosaveUrl, { method: 'POST', credentials: 'same-origin', body: data,
        headers: withToken({ 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' }) })
      .then(json)
      .then(function (saved) {
        lastSaved = data;
        show(unsaved() ? 'unsaved' : 'saved', 'Saved at ' + saved.savedAt);
        if (saved.autosaveUrl && saved.autosaveUrl !== autosaveUrl) {
          // A new post became a draft: from now on this page edits that draft.
          autosaveUrl = saved.autosaveUrl;
          form.setAttribute('action', saved.saveUrl);
          form.setAttribute('data-autosave', saved.autosaveUrl);
          history.replaceState(null, '', saved.editUrl);
        }
      })
      .catch(function (problem) {
        show('failed', 'Not saved: ' + problem + ' Your text is still here; save it before leaving.');
      })
      .then(function () {
        inFlight = false;
        if (heldSubmit) {
          var button = heldSubmit;
          heldSubmit = null;
          form.requestSubmit(button);
        } else if (again) {
          again = false;
          autosave();
        }
      });
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', function (event) {
    if (inFlight && autosaveUrl === '/posts/autosave') {
      // The first autosave is making this new post a draft: submitted now, the form would make a second post.
      event.preventDefault();
      heldSubmit = event.submitter || form.querySelector('button[type=submit]');
      return;
    }
    submitting = true;
    clearTimeout(timer);
    // A confirmation answered "Cancel" (admin.js, after this listener) keeps the page and its warning.
    setTimeout(function () { if (event.defaultPrevented) { submitting = false; changed(); } }, 0);
  });
  document.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      autosave();
    }
  });
  window.addEventListener('beforeunload', function (event) {
    if (!submitting && unsaved()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // ---- images: ask for the text alternative, upload, insert at the cursor

  var dialog = document.getElementById('image-dialog');
  var altInput = document.getElementById('image-alt');
  var dialogPreview = document.getElementById('image-dialog-preview');
  var dialogUpload = document.getElementById('image-dialog-upload');
  var uploadStatus = document.getElementById('upload-status');
  var fileInput = document.getElementById('image-file');
  var IMAGE = /^image\/(png|jpeg|gif|webp)$/;
  var queue = [];
  var asking = null;

  function ask(file, purpose, then) {
    queue.push({ file: file, purpose: purpose, then: then });
    if (!asking) { next(); }
  }
  function next() {
    asking = queue.shift() || null;
    if (!asking) { return; }
    if (dialogPreview.src) { URL.revokeObjectURL(dialogPreview.src); }
    dialogPreview.src = URL.createObjectURL(asking.file);
    dialogPreview.hidden = false;
    altInput.value = '';
    dialogUpload.textContent = asking.purpose === 'cover' ? 'Upload as the cover' : 'Upload and insert';
    dialog.returnValue = '';
    dialog.showModal();
    altInput.focus();
  }
  dialog.addEventListener('close', function () {
    var job = asking;
    if (job && dialog.returnValue === 'upload') {
      upload(job.file, altInput.value.trim()).then(job.then, function (problem) {
        uploadStatus.textContent = 'Not uploaded: ' + problem;
      });
    }
    next();
  });
  document.getElementById('image-dialog-cancel').addEventListener('click', function () { dialog.close('cancel'); });

  function upload(file, alt) {
    var name = file.name || 'pasted-image';
    uploadStatus.textContent = 'Uploading ' + name + '…';
    var data = new FormData();
    data.append('file', file, name);
    data.append('alt', alt);
    return fetch('/media/uploads', { method: 'POST', credentials: 'same-origin', body: data,
        headers: withToken({ 'Accept': 'application/json' }) })
      .then(json)
      .then(function (stored) {
        uploadStatus.textContent = 'Uploaded ' + name + '.';
        return stored;
      });
  }

  var selection = { start: 0, end: 0 };
  function remember() { selection = { start: body.selectionStart, end: body.selectionEnd }; }
  body.addEventListener('select', remember);
  body.addEventListener('keyup', remember);
  body.addEventListener('mouseup', remember);
  body.addEventListener('input', remember);

  function insertImage(stored) {
    var alt = (stored.alt || '').replace(/\s+/g, ' ').replace(/[\[\]\\]/g, '\\$&');
    var before = body.value.slice(0, selection.start);
    var after = body.value.slice(selection.end);
    var text = (before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n')
      + '![' + alt + '](' + stored.path + ')' + (/^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n');
    body.focus();
    body.setRangeText(text, selection.start, selection.end, 'end');
    remember();
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function images(files) {
    return Array.prototype.filter.call(files || [], function (file) { return IMAGE.test(file.type); });
  }
  function bodyImages(files) {
    var found = images(files);
    if (files && files.length && !found.length) {
      uploadStatus.textContent = 'Only PNG, JPEG, GIF and WebP images can be uploaded here.';
    }
    found.forEach(function (file) { ask(file, 'body', insertImage); });
    return found.length > 0;
  }

  document.querySelectorAll('.body-tools, #upload-cover, .cover-upload-hint').forEach(function (shown) {
    shown.hidden = false;
  });
  var filePurpose = 'body';
  document.getElementById('insert-image').addEventListener('click', function () {
    remember();
    filePurpose = 'body';
    fileInput.click();
  });
  fileInput.addEventListener('change', function () {
    var files = fileInput.files;
    if (filePurpose === 'cover') {
      images(files).slice(0, 1).forEach(function (file) { ask(file, 'cover', chooseCover); });
    } else {
      bodyImages(files);
    }
    fileInput.value = '';
  });
  body.addEventListener('dragover', function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') >= 0) {
      event.preventDefault();
      body.classList.add('dropping');
    }
  });
  body.addEventListener('dragleave', function () { body.classList.remove('dropping'); });
  body.addEventListener('drop', function (event) {
    body.classList.remove('dropping');
    if (event.dataTransfer && event.dataTransfer.files.length) {
      event.preventDefault();
      remember();
      bodyImages(event.dataTransfer.files);
    }
  });
  body.addEventListener('paste', function (event) {
    var files = event.clipboardData ? event.clipboardData.files : null;
    if (files && images(files).length) {
      event.preventDefault();
      remember();
      bodyImages(files);
    }
  });

  // ---- the cover: one of the library's images, or a new upload

  var choices = document.getElementById('cover-choices');
  document.getElementById('upload-cover').addEventListener('click', function () {
    filePurpose = 'cover';
    fileInput.click();
  });
  function chooseCover(stored) {
    var label = document.createElement('label');
    label.className = 'cover-choice';
    var radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'coverImage';
    radio.value = stored.path;
    var image = document.createElement('img');
    image.src = stored.path;
    image.alt = '';
    image.width = 160;
    image.height = 100;
    var caption = document.createElement('span');
    caption.textContent = stored.name + (stored.alt ? ': ' + stored.alt : '');
    label.append(radio, ' ', image, caption);
    var none = choices.querySelector('.none');
    choices.insertBefore(label, none ? none.nextSibling : choices.firstChild);
    radio.checked = true;
    radio.focus();
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // ---- categories, tags and series: suggestions from the existing terms

  document.querySelectorAll('input[data-terms]').forEach(function (input) {
    var kind = input.getAttribute('data-terms');
    var single = input.getAttribute('data-single') === 'true';
    var mayCreate = input.getAttribute('data-may-create') === 'true';
    var list = document.createElement('datalist');
    list.id = input.id + '-suggestions';
    input.after(list);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    var message = document.createElement('p');
    message.className = 'hint terms-message';
    message.id = input.id + '-message';
    message.setAttribute('aria-live', 'polite');
    list.after(message);
    input.setAttribute('aria-describedby', message.id);
    var known = {};
    var wait = null;

    function parts() {
      if (single) { return { done: [], current: input.value.trim(), prefix: '' }; }
      var all = input.value.split(',');
      var current = all.pop().trim();
      var done = all.map(function (name) { return name.trim(); }).filter(Boolean);
      return { done: done, current: current, prefix: done.length ? done.join(', ') + ', ' : '' };
    }
    function lookUp(typed) {
      var key = typed.toLowerCase();
      if (known[key]) { return known[key]; }
      known[key] = fetch('/posts/terms?kind=' + encodeURIComponent(kind) + '&q=' + encodeURIComponent(typed),
          { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(json)
        .catch(function () { delete known[key]; return { terms: [], exists: true }; });
      return known[key];
    }
    function suggest() {
      var now = parts();
      lookUp(now.current).then(function (answer) {
        list.textContent = '';
        answer.terms.filter(function (name) { return now.done.indexOf(name) < 0; }).forEach(function (name) {
          var option = document.createElement('option');
          option.value = now.prefix + name;
          list.appendChild(option);
        });
      });
    }
    function check() {
      var now = parts();
      var names = now.done.concat(now.current ? [now.current] : []);
      Promise.all(names.map(function (name) {
        return lookUp(name).then(function (answer) { return answer.exists ? null : name; });
      })).then(function (unknown) {
        unknown = unknown.filter(Boolean);
        if (!unknown.length) {
          message.textContent = '';
          message.classList.remove('error');
          return;
        }
        var quoted = unknown.map(function (name) { return '“' + name + '”'; }).join(', ');
        var what = kind === 'category' ? (unknown.length > 1 ? 'categories' : 'category')
          : kind === 'tag' ? (unknown.length > 1 ? 'tags' : 'tag') : 'series';
        if (mayCreate) {
          message.classList.remove('error');
          message.textContent = 'New ' + what + ' on saving: ' + quoted + '.';
        } else {
          message.classList.add('error');
          message.textContent = 'Not an existing ' + what + ': ' + quoted
            + '. Pick from the suggestions; only an editor can add new ones.';
        }
      });
    }
    input.addEventListener('input', function () {
      clearTimeout(wait);
      wait = setTimeout(suggest, 150);
    });
    input.addEventListener('focus', suggest);
    input.addEventListener('change', check);
    if (input.value.trim()) { check(); }
  });
})();
