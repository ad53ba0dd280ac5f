// Saves a draft application every 30 seconds while it changes, so that
// nothing typed is lost; without JavaScript, the Save button does the same.
// Files are left to the Save button: a browser sends them only once.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".autosave-status");
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  function save() {
    if (!dirty) return;
    dirty = false;
    var data = new FormData(form);
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      data.delete(input.name);
    });
    data.delete("remove_documents");
    data.set("save", "1");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" },
    }).then(function (response) {
      var ok = response.status === 204;
      var version = response.headers.get("X-Saved-Version");
      var field = form.querySelector("input[name=saved_version]");
      if (ok && version && field) field.value = version;
      if (status) status.textContent = ok ? form.dataset.savedText || "" : form.dataset.failedText || "";
      if (!ok) dirty = true;
    }).catch(function () { dirty = true; });
  }
  window.setInterval(save, 30000);
})();
