/* kientruc site: client-side search over names and ids, with or without Vietnamese diacritics.
   No server and no network: the index is assets/search-index.js. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var INDEX = window.KIENTRUC_INDEX || [];

  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function search(query, limit) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    for (var i = 0; i < INDEX.length; i++) {
      var e = INDEX[i], ok = true;
      for (var j = 0; j < words.length; j++) {
        if (e.f.indexOf(words[j]) < 0) { ok = false; break; }
      }
      if (ok) {
        var name = fold(e.n), score = e.x * 10;
        if (name.indexOf(words.join(" ")) === 0) score -= 2;
        else if (name.indexOf(words.join(" ")) >= 0) score -= 1;
        hits.push([score, name.length, e]);
      }
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return hits.slice(0, limit).map(function (h) { return h[2]; });
  }

  function item(e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + e.u;
    a.textContent = e.n;
    var k = document.createElement("span");
    k.className = "k";
    k.textContent = e.k + " · " + e.id;
    a.appendChild(k);
    li.appendChild(a);
    return li;
  }

  var box = document.getElementById("q");
  var list = document.getElementById("search-results");
  if (box && list) {
    box.addEventListener("input", function () {
      var hits = search(box.value, 15);
      list.textContent = "";
      hits.forEach(function (e) { list.appendChild(item(e)); });
      list.hidden = hits.length === 0;
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { list.hidden = true; }
    });
    document.addEventListener("click", function (ev) {
      if (!list.contains(ev.target) && ev.target !== box) list.hidden = true;
    });
  }

  var pageBox = document.getElementById("q-page");
  var pageList = document.getElementById("search-page-results");
  if (pageBox && pageList) {
    var none = document.getElementById("search-none");
    var run = function () {
      var hits = search(pageBox.value, 200);
      pageList.textContent = "";
      hits.forEach(function (e) { pageList.appendChild(item(e)); });
      none.hidden = hits.length > 0 || !pageBox.value.trim();
    };
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { pageBox.value = params.get("q"); }
    pageBox.addEventListener("input", run);
    run();
  }
  window.kientrucSearch = search;
})();
