// Suggests the spelling of a person's name in the other script as the officer types it.
// Follows cases.names.suggest_latin and suggest_arabic, with the tables the page carries
// (the data-table attribute of #spelling-table). A spelling the officer typed is never overwritten.
(function () {
  "use strict";
  var source = document.getElementById("spelling-table");
  if (!source) return;
  var table = JSON.parse(source.dataset.table);
  var ARABIC = /[\u0621-\u064a]/;
  var LONG = "اويىآ";
  var NOT_CONSONANT = "اويىآةءأإؤئع";

  function words(text) {
    return text.replace(/[\u064b-\u065f\u0670\u0640]/g, "").trim().split(/[\s,;،/]+/).filter(Boolean);
  }
  function toLatin(word) {
    var key = word.replace(/[أإآ]/g, "ا");
    if (table.common[key]) return table.common[key];
    var article = word.length > 4 && word.indexOf("ال") === 0;
    var core = article ? word.slice(2) : word;
    var out = "";
    for (var i = 0; i < core.length; i++) {
      var ch = core[i], next = core[i + 1] || "", r = table.toLatin[ch] || "";
      if (ch === "ة") r = "a";
      else if (i === 0 && "أإع".indexOf(ch) >= 0) r = { "أ": "a", "إ": "i", "ع": "a" }[ch];
      else if (ch === "ي") r = i === 0 || next === "ا" || next === "و" ? "y" : "i";
      else if (ch === "و") r = i === 0 || next === "ا" || next === "ي" ? "w" : "ou";
      out += r;
      var consonant = NOT_CONSONANT.indexOf(ch) < 0 && LONG.indexOf(ch) < 0;
      var nextConsonant = next && LONG.indexOf(next) < 0 && "ةءؤئ".indexOf(next) < 0;
      if (consonant && nextConsonant && i < core.length - 1) out += "a";
    }
    out = out.charAt(0).toUpperCase() + out.slice(1);
    return article ? "al-" + out : out;
  }
  function toArabic(word) {
    var match = /^(?:al|el|ul|il|a[rnstdz]|ash)[-‐‑'’](.+)$/i.exec(word);
    var core = (match ? match[1] : word).toLowerCase().replace(/['’-]/g, "").replace(/([^aeiou])\1+/g, "$1");
    var out = "", i = 0;
    while (i < core.length) {
      var ch = core[i];
      if ("ae".indexOf(ch) >= 0) {
        if (i > 0 && i < core.length - 1) { i++; continue; }
        out += i === 0 ? "ا" : ch === "a" ? "ة" : "ي";
        i++;
        continue;
      }
      var found = false;
      for (var k = 0; k < table.toArabic.length; k++) {
        var pair = table.toArabic[k];
        if (core.substr(i, pair[0].length) === pair[0]) {
          var arabic = pair[1];
          if (i === 0 && "iuo".indexOf(pair[0]) >= 0) arabic = pair[0] === "i" ? "إ" : "ا" + arabic;
          out += arabic;
          i += pair[0].length;
          found = true;
          break;
        }
      }
      if (!found) i++;
    }
    return match ? "ال" + out : out;
  }
  function suggest(name) {
    return words(name).map(function (word) {
      if (ARABIC.test(word)) return toLatin(word);
      return toArabic(word);
    }).join(" ");
  }
  document.querySelectorAll("[data-spelling-source]").forEach(function (input) {
    var prefix = input.name.slice(0, input.name.length - "name".length);
    var target = input.form && input.form.elements[prefix + "name_latin"];
    if (!target) return;
    input.addEventListener("input", function () {
      if (target.value && target.dataset.suggested !== target.value) return;
      var value = suggest(input.value);
      target.value = value;
      target.dataset.suggested = value;
    });
  });
})();
