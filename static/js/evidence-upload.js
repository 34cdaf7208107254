/* Evidence upload with progress: one request per file, each with its own progress bar.
   Loaded as a file from the app itself (strict CSP: no inline code). Without JavaScript
   the form posts all files at once and the page shows the results after reloading. */
(function () {
  "use strict";

  function uploadOne(form, file, row) {
    return new Promise(function (resolve) {
      var data = new FormData();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.type === "file" || field.disabled) { return; }
        data.append(field.name, field.value);
      });
      data.append("files", file, file.name);
      var progress = row.querySelector("progress");
      var status = row.querySelector(".upload-status");
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          progress.max = event.total;
          progress.value = event.loaded;
        }
      });
      request.addEventListener("load", function () {
        progress.value = progress.max;
        var results = [];
        try {
          results = JSON.parse(request.responseText).results || [];
        } catch (error) {
          results = [{ ok: false, message: form.dataset.msgFailed }];
        }
        var ok = results.length > 0 && results.every(function (result) { return result.ok; });
        row.classList.add(ok ? "done" : "refused");
        status.textContent = "";
        results.forEach(function (result) {
          var line = document.createElement("span");
          line.className = "upload-message" + (result.warning ? " warning" : result.ok ? "" : " error");
          line.textContent = result.message;
          if (result.url) {
            var link = document.createElement("a");
            link.href = result.url;
            link.textContent = form.dataset.msgOpen;
            line.append(" ", link);
          }
          status.append(line);
        });
        resolve(ok);
      });
      request.addEventListener("error", function () {
        row.classList.add("refused");
        status.textContent = form.dataset.msgFailed;
        resolve(false);
      });
      status.textContent = form.dataset.msgUploading;
      request.send(data);
    });
  }

  function start(form) {
    var input = form.querySelector("input[type=file]");
    var list = form.querySelector(".upload-progress");
    var files = Array.prototype.slice.call(input.files);
    if (files.length === 0) { return; }
    list.replaceChildren();
    var rows = files.map(function (file) {
      var row = document.createElement("li");
      var name = document.createElement("bdi");
      name.textContent = file.name;
      var progress = document.createElement("progress");
      progress.max = file.size || 1;
      progress.value = 0;
      var status = document.createElement("span");
      status.className = "upload-status";
      status.setAttribute("role", "status");
      row.append(name, progress, status);
      list.append(row);
      return row;
    });
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var chain = Promise.resolve(0);
    files.forEach(function (file, index) {
      chain = chain.then(function (added) {
        return uploadOne(form, file, rows[index]).then(function (ok) { return added + (ok ? 1 : 0); });
      });
    });
    chain.then(function (added) {
      button.disabled = false;
      input.value = "";
      form.classList.add("finished");
      if (added > 0) {
        var again = document.createElement("a");
        again.href = window.location.pathname + "#evidence";
        again.className = "upload-refresh";
        again.textContent = form.dataset.msgRefresh;
        again.addEventListener("click", function (event) {
          event.preventDefault();
          window.location.reload();
        });
        list.append(again);
      }
    });
  }

  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) { return; }
      event.preventDefault();
      start(form);
    });
  });
})();
