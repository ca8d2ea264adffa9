// dealguard serve: the pages work without this script; it adds drag and drop, the sampling
// plan as it is typed, and a clear word on photos the report cannot take (HEIC).
"use strict";
(function () {
  function refused(files) {
    var bad = [];
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      var ok = /\.(jpe?g|png)$/i.test(f.name) || f.type === "image/jpeg" || f.type === "image/png";
      if (!ok) bad.push(f.name);
    }
    return bad;
  }

  function say(form, text) {
    var p = form.querySelector(".drop-message");
    if (!p) {
      p = document.createElement("p");
      p.className = "drop-message error";
      p.setAttribute("role", "alert");
      form.appendChild(p);
    }
    p.textContent = text;
  }

  // Photos and mails dropped onto their form are that form's files, sent at once.
  document.querySelectorAll("form.drop").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    if (!input) return;
    var photos = form.action.indexOf("/week/photos") >= 0;
    function check(files) {
      if (!photos) return true;
      var bad = refused(files);
      if (bad.length) { say(form, form.dataset.refused + " " + bad.join(", ")); return false; }
      return true;
    }
    input.addEventListener("change", function () { check(input.files); });
    form.addEventListener("submit", function (e) { if (!check(input.files)) e.preventDefault(); });
    ["dragenter", "dragover"].forEach(function (ev) {
      form.addEventListener(ev, function (e) { e.preventDefault(); form.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      form.addEventListener(ev, function () { form.classList.remove("over"); });
    });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      if (check(input.files)) form.submit();
    });
  });

  // The sampling plan of an inspection row, from the server's ISO 2859-1 tables, as typed.
  document.querySelectorAll('.row[data-list="inspections"]').forEach(function (row) {
    var plan = row.querySelector(".plan");
    if (!plan) return;
    function val(suffix) {
      var el = row.querySelector('[name$="' + suffix + '"]');
      return el ? el.value : "";
    }
    var timer = null;
    function update() {
      var q = "lot=" + encodeURIComponent(val(".lot_size")) + "&level=" + encodeURIComponent(val(".aql.level")) +
        "&critical=" + encodeURIComponent(val(".aql.critical")) + "&major=" + encodeURIComponent(val(".aql.major")) +
        "&minor=" + encodeURIComponent(val(".aql.minor"));
      fetch("/aql?" + q, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
        if (p.error) { plan.textContent = p.error; plan.classList.add("error"); return; }
        plan.classList.remove("error");
        var w = plan.dataset;
        plan.textContent = w.sample + " " + w.size + " " + p.major.n + " (" + p.letter + ") · " +
          w.critical + " " + p.critical.ac + "/" + p.critical.re + " · " +
          w.major + " " + p.major.ac + "/" + p.major.re + " · " +
          w.minor + " " + p.minor.ac + "/" + p.minor.re + " (" + w.ac + ")";
      }).catch(function () {});
    }
    row.addEventListener("input", function (e) {
      if (!/lot_size|aql\./.test(e.target.name || "")) return;
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
    row.addEventListener("change", function (e) {
      if (/aql\.level/.test(e.target.name || "")) update();
    });
  });
})();
